using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentAccounts;

public sealed class PaymentAccountService(
    PortalDbContext db,
    IValidator<SavePaymentAccountRequest> validator,
    C2BRegistrar c2b,
    TimeProvider time,
    Members.BusinessAuditLog audit)
{
    public async Task<Result<SavedPaymentAccount>> SaveAsync(
        string merchantId, SavePaymentAccountRequest request, CancellationToken cancellationToken)
    {
        var saved = await SaveAccountAsync(merchantId, request, cancellationToken);
        if (saved.Succeeded)
        {
            var a = saved.Value!.Account;
            await audit.RecordAsync(merchantId, Members.BusinessAuditActions.AccountSave, a.PaymentId,
                $"{(saved.Value.Created ? "added" : "saved")}: {a.Type} {a.Number}", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return saved;
    }

    private async Task<Result<SavedPaymentAccount>> SaveAccountAsync(
        string merchantId, SavePaymentAccountRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var type = Trimmed(request.Type)?.ToLowerInvariant();
        var number = Trimmed(request.Number);
        var reference = Trimmed(request.AccountReference);
        var now = time.GetUtcNow();

        PaymentAccount? account;
        if (request.PaymentId is not null)
        {
            PaymentIds.TryParse(request.PaymentId, out var sequence);
            account = await db.PaymentAccounts.SingleOrDefaultAsync(
                a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken);
            if (account is null)
            {
                return ServiceError.NotFound("payment_account_not_found", $"No payment account {request.PaymentId} on this merchant.");
            }

            type ??= account.Type;
            number ??= account.Number;
            var clash = await db.PaymentAccounts.AnyAsync(
                a => a.MerchantId == merchantId && a.Type == type && a.Number == number && a.Id != account.Id && a.DeletedAt == null,
                cancellationToken);
            if (clash)
            {
                return NumberTaken(type, number);
            }
        }
        else
        {
            account = await db.PaymentAccounts.SingleOrDefaultAsync(
                a => a.MerchantId == merchantId && a.Type == type && a.Number == number && a.DeletedAt == null, cancellationToken);
        }

        if (account is not null)
        {
            // A new shortcode needs its C2B URLs registered; so does one whose last registration failed.
            var register = account.Type != type || account.Number != number || !account.C2BRegistrationOk;
            // Absent fields keep their value: a script that sends only a new reference changes only that.
            account.Type = type!;
            account.Number = number!;
            account.AccountReference = request.WholeForm ? reference : reference ?? account.AccountReference;
            account.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (IsNumberTaken(ex))
            {
                // Another request took this type and number after the check above.
                db.Entry(account).State = EntityState.Detached;
                return NumberTaken(type!, number!);
            }

            return new SavedPaymentAccount(ToDto(account), Created: false,
                register ? await c2b.RegisterAsync(account.Id, cancellationToken) : null);
        }

        return await AddAsync(merchantId, type!, number!, reference, now, cancellationToken);
    }

    /// <summary>The merchant's live accounts in payment_id order.</summary>
    public async Task<IReadOnlyList<PaymentAccountDto>> ListAsync(string merchantId, CancellationToken cancellationToken)
    {
        var rows = await db.PaymentAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.DeletedAt == null)
            .OrderBy(a => a.Sequence)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDto)];
    }

    public async Task<Result<PaymentAccountDto>> GetAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = PaymentIds.TryParse(paymentId, out var sequence)
            ? await db.PaymentAccounts.AsNoTracking().SingleOrDefaultAsync(
                a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken)
            : null;
        return account is null ? NotFound(paymentId) : ToDto(account);
    }

    private bool IsNumberTaken(DbUpdateException ex) => db.FindUniqueViolation(ex)?.Is<PaymentAccount>(
        nameof(PaymentAccount.MerchantId), nameof(PaymentAccount.Type), nameof(PaymentAccount.Number)) == true;

    private bool IsSequenceTaken(DbUpdateException ex) =>
        db.FindUniqueViolation(ex)?.Is<PaymentAccount>(nameof(PaymentAccount.MerchantId), nameof(PaymentAccount.Sequence)) == true;

    private static ServiceError NumberTaken(string type, string number) =>
        ServiceError.Conflict("payment_account_exists", $"Another payment account already uses {type} {number}.");

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static ServiceError NotFound(string? paymentId) =>
        ServiceError.NotFound("payment_account_not_found", $"No payment account {paymentId} on this merchant.");

    public static PaymentAccountDto ToDto(PaymentAccount a) =>
        new(a.Type, a.Number, a.AccountReference, a.PaymentId, a.IsPrimary, a.CreatedAt.ToUnixTimeSeconds());

    private async Task<Result<SavedPaymentAccount>> AddAsync(
        string merchantId, string type, string number, string? reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The next payment_id is max+1, deleted accounts included (transactions keep their payment_id, so one is
        // never reused). The unique indexes settle races: a lost sequence is retried after a short random pause
        // (each round has a winner, so N concurrent adds need at most N rounds); a lost type and number means
        // another request added this very account, which this one then updates, as it would have a moment later.
        const int MaxAttempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            var last = await db.PaymentAccounts.Where(a => a.MerchantId == merchantId)
                .MaxAsync(a => (int?)a.Sequence, cancellationToken) ?? 0;
            var hasLive = await db.PaymentAccounts.AnyAsync(a => a.MerchantId == merchantId && a.DeletedAt == null, cancellationToken);
            var account = new PaymentAccount
            {
                MerchantId = merchantId,
                Sequence = last + 1,
                Type = type,
                Number = number,
                AccountReference = reference,
                IsPrimary = !hasLive,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.PaymentAccounts.Add(account);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new SavedPaymentAccount(ToDto(account), Created: true, await c2b.RegisterAsync(account.Id, cancellationToken));
            }
            catch (DbUpdateException ex) when ((IsNumberTaken(ex) || IsSequenceTaken(ex)) && attempt < MaxAttempts)
            {
                db.Entry(account).State = EntityState.Detached;
                var existing = await db.PaymentAccounts.SingleOrDefaultAsync(
                    a => a.MerchantId == merchantId && a.Type == type && a.Number == number && a.DeletedAt == null, cancellationToken);
                if (existing is not null)
                {
                    existing.AccountReference = reference ?? existing.AccountReference;
                    existing.UpdatedAt = now;
                    await db.SaveChangesAsync(cancellationToken);
                    return new SavedPaymentAccount(ToDto(existing), Created: false);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), time, cancellationToken);
            }
        }
    }
}
