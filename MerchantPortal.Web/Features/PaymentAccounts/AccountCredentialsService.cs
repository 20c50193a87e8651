using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>
/// An account's own Daraja app: saved encrypted (decision 0004), never handed back, and testable by asking
/// Daraja for a token. Accounts without one use the portal's configured app.
/// </summary>
public sealed class AccountCredentialsService(
    PortalDbContext db,
    IValidator<SaveAccountCredentialsRequest> validator,
    DarajaCredentialsProvider credentials,
    DarajaClient daraja,
    C2B.C2BRegistrar c2b,
    TimeProvider time,
    Members.BusinessAuditLog audit)
{
    public async Task<Result<AccountCredentialsDto>> GetAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, tracked: false, cancellationToken);
        return account is null ? PaymentAccountService.NotFound(paymentId) : ToDto(account);
    }

    public async Task<Result<AccountCredentialsDto>> SaveAsync(
        string merchantId, string? paymentId, SaveAccountCredentialsRequest request, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, tracked: true, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var storeNumber = string.IsNullOrWhiteSpace(request.StoreNumber) ? null : request.StoreNumber.Trim();
        if (storeNumber is not null && account.Type != PaymentAccountTypes.Till)
        {
            return ServiceError.Invalid("invalid_store_number",
                "Only a till has a store number; a paybill is its own BusinessShortCode.", "store_number");
        }

        if (!request.HasAnySecret && storeNumber is null && !DarajaCredentialsProvider.HasOwnCredentials(account))
        {
            return ServiceError.Invalid("invalid_credentials",
                "Enter the consumer key, consumer secret and passkey" + (account.Type == PaymentAccountTypes.Till ? ", or a store number." : "."));
        }

        if (request.HasAnySecret)
        {
            account.ConsumerKey = request.ConsumerKey!.Trim();
            account.ConsumerSecretProtected = credentials.Protect(request.ConsumerSecret!.Trim());
            account.PasskeyProtected = credentials.Protect(request.Passkey!.Trim());
        }

        account.StoreNumber = storeNumber;
        account.CredentialsUpdatedAt = account.UpdatedAt = time.GetUtcNow();
        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.AccountCredentials, account.PaymentId,
            (request.HasAnySecret ? $"own Daraja app {Start(account.ConsumerKey!)}…" : "Daraja app kept") + (storeNumber is null ? "" : $", store {storeNumber}"),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Another app (or store number) registers the C2B URLs anew; its answer is shown on the account page.
        await c2b.RegisterAsync(account.Id, cancellationToken);
        return ToDto(account);
    }

    /// <summary>Forgets the account's own app and store number: it goes back to the portal's configuration.</summary>
    public async Task<Result<AccountCredentialsDto>> ClearAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, tracked: true, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        account.ConsumerKey = account.ConsumerSecretProtected = account.PasskeyProtected = account.StoreNumber = null;
        account.CredentialsUpdatedAt = account.UpdatedAt = time.GetUtcNow();
        await audit.RecordAsync(merchantId, Members.BusinessAuditActions.AccountCredentials, account.PaymentId, "back to the portal's Daraja app", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await c2b.RegisterAsync(account.Id, cancellationToken);
        return ToDto(account);
    }

    /// <summary>Asks Daraja for a token with the account's effective credentials and says plainly how it went.</summary>
    public async Task<Result<string>> TestConnectionAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, tracked: false, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        var whose = DarajaCredentialsProvider.HasOwnCredentials(account) ? "this account's credentials" : "the portal's credentials";
        if (!credentials.TryFor(account, out var effective))
        {
            return new ServiceError(ErrorKind.Upstream, "credentials_unreadable",
                "The saved credentials can no longer be decrypted (the portal's key ring changed). Enter them again.");
        }

        var token = await daraja.GetTokenAsync(effective, cancellationToken);
        if (token.Succeeded)
        {
            // Daraja has no call that checks a passkey or store number without starting a payment (docs/daraja-live.md).
            var unproven = account.Type == PaymentAccountTypes.Till ? "passkey and store number are" : "passkey is";
            return $"Connected: Daraja issued a token for {whose}. The {unproven} proven only by the first payment.";
        }

        return new ServiceError(ErrorKind.Upstream, token.Failure!.Code, token.Failure.Kind switch
        {
            DarajaFailureKind.Unavailable => "Daraja did not answer. Check the portal's M-Pesa address and try again in a moment.",
            DarajaFailureKind.Blocked => token.Failure.Message,
            _ => $"Daraja refused the consumer key or secret ({whose}).",
        });
    }

    private static AccountCredentialsDto ToDto(PaymentAccount a) => new(
        a.PaymentId, a.Type, a.Number, DarajaCredentialsProvider.HasOwnCredentials(a),
        a.ConsumerKey is { Length: > 0 } key ? Start(key) : null,
        DarajaCredentialsProvider.HasOwnCredentials(a) ? a.CredentialsUpdatedAt : null,
        a.StoreNumber);

    /// <summary>The first characters of a consumer key: enough to tell apps apart, never the whole key.</summary>
    private static string Start(string key) => key[..Math.Min(4, key.Length)];

    private Task<PaymentAccount?> FindAsync(string merchantId, string? paymentId, bool tracked, CancellationToken cancellationToken)
    {
        if (!PaymentIds.TryParse(paymentId, out var sequence))
        {
            return Task.FromResult<PaymentAccount?>(null);
        }

        var query = tracked ? db.PaymentAccounts : db.PaymentAccounts.AsNoTracking();
        return query.SingleOrDefaultAsync(a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken);
    }
}
