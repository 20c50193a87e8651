using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>An account's Pull Transactions: switched on or not, how its registration went, and how far it was checked.</summary>
/// <param name="CheckedUntil">The end of the last complete pull; null: never pulled.</param>
public sealed record PullSettingsDto(
    string PaymentId, bool Enabled, string? NominatedNumber, DateTimeOffset? RegisteredAt, bool RegistrationOk, string? RegistrationAnswer,
    DateTimeOffset? CheckedUntil);

/// <summary>
/// The account page's Pull Transactions section: switching Pull on with the nominated number (which registers the
/// shortcode with Daraja), off, and "Check M-Pesa now". Every account is looked up with the merchant's id.
/// </summary>
public sealed class PullTransactionsService(PortalDbContext db, PullRegistrar registrar, PullTransactionsPuller puller)
{
    public async Task<Result<PullSettingsDto>> GetAsync(string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        await FindAsync(merchantId, paymentId, cancellationToken) is { } account ? ToDto(account) : PaymentAccountService.NotFound(paymentId);

    public async Task<Result<PullSettingsDto>> EnableAsync(string merchantId, string? paymentId, string? nominatedNumber, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        if (!Phones.TryNormalize(nominatedNumber, out var number))
        {
            return ServiceError.Invalid("invalid_nominated_number", "nominated_number is not a valid phone number. " + Phones.FormatHelp, "nominated_number");
        }

        await registrar.RegisterAsync(account, number, cancellationToken);
        return ToDto((await FindAsync(merchantId, paymentId, cancellationToken))!);
    }

    /// <summary>Stops the worker pulling for the account; its registration with Daraja stays (there is no undo there).</summary>
    public async Task<Result<PullSettingsDto>> DisableAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        await db.PaymentAccounts.Where(a => a.Id == account.Id && a.MerchantId == merchantId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PullEnabled, false), cancellationToken);
        return ToDto((await FindAsync(merchantId, paymentId, cancellationToken))!);
    }

    /// <summary>"Check M-Pesa now": one pull of the account at once; Daraja's refusal is in the outcome, not thrown.</summary>
    public async Task<Result<PullOutcome>> CheckNowAsync(string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        var account = await FindAsync(merchantId, paymentId, cancellationToken);
        if (account is null)
        {
            return PaymentAccountService.NotFound(paymentId);
        }

        if (!account.PullEnabled || !account.PullRegistrationOk)
        {
            return ServiceError.Conflict("pull_not_enabled", "Pull Transactions is not on for this account: switch it on, and M-Pesa must register it.");
        }

        return await puller.PullAsync(account, cancellationToken);
    }

    private Task<PaymentAccount?> FindAsync(string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        db.PaymentAccounts.FindLiveAsync(merchantId, paymentId, cancellationToken);

    private static PullSettingsDto ToDto(PaymentAccount a) => new(
        a.PaymentId, a.PullEnabled, a.PullNominatedNumber, a.PullRegisteredAt, a.PullRegistrationOk, a.PullRegistrationAnswer, a.PullCheckedUntil);
}
