using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>
/// Which accounts are live and which one is primary. Accounts are deleted softly: transactions reference them
/// (FK Restrict) and keep their history; a deleted account is invisible everywhere else.
/// </summary>
public sealed class PaymentAccountLifecycleService(PortalDbContext db, TimeProvider time, Members.BusinessAuditLog audit)
{
    public async Task<Result<PaymentAccountDto>> DeleteAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindLiveAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The pending check and the delete are one statement: a payment that is still waiting for its
        // outcome keeps a live account to settle against.
        var deleted = await db.PaymentAccounts
            .Where(a => a.Id == account.Id && a.DeletedAt == null
                && !db.AllTransactions.Any(t => t.PaymentAccountId == a.Id && t.Status == TransactionStatuses.Pending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.DeletedAt, now)
                .SetProperty(a => a.IsPrimary, false)
                .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        if (deleted == 0)
        {
            var pending = await db.AllTransactions.CountAsync(
                t => t.PaymentAccountId == account.Id && t.Status == TransactionStatuses.Pending, cancellationToken);
            return pending == 0
                ? PaymentAccountService.NotFound(paymentId)
                : ServiceError.Conflict("payment_account_has_pending",
                    $"Payment account {account.PaymentId} has {pending} pending payment{(pending == 1 ? "" : "s")}. " +
                    "Delete it once they have settled.");
        }

        // As a hard delete would (FK SetNull): links that named this account now pay into the primary one.
        await db.PaymentLinks.Where(l => l.MerchantId == merchantId && l.PaymentAccountId == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.PaymentAccountId, (long?)null), cancellationToken);

        if (account.IsPrimary)
        {
            var next = await db.PaymentAccounts
                .Where(a => a.MerchantId == merchantId && a.DeletedAt == null)
                .OrderBy(a => a.Sequence)
                .Select(a => (long?)a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is not null)
            {
                await db.PaymentAccounts.Where(a => a.Id == next)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsPrimary, true), cancellationToken);
            }
        }

        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.AccountDelete, account.PaymentId, $"{account.Type} {account.Number}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PaymentAccountService.ToDto(account);
    }

    /// <summary>Exactly one primary per merchant: one UPDATE sets the target and clears every other live account.</summary>
    public async Task<Result<PaymentAccountDto>> MakePrimaryAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindLiveAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        var now = time.GetUtcNow();
        await db.PaymentAccounts
            .Where(a => a.MerchantId == merchantId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.IsPrimary, a => a.Id == account.Id)
                .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        account.IsPrimary = true;
        return PaymentAccountService.ToDto(account);
    }

    private Task<PaymentAccount?> FindLiveAsync(string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        PaymentIds.TryParse(paymentId, out var sequence)
            ? db.PaymentAccounts.AsNoTracking().SingleOrDefaultAsync(
                a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken)
            : Task.FromResult<PaymentAccount?>(null);
}
