using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>One account that cannot take a push yet, and what its owner must do (shown before anyone tries).</summary>
public sealed record AccountSetupNotice(string PaymentId, int RouteId, string Code, string Message);

/// <summary>
/// Whether Daraja would accept a push for an account. A passkey belongs to the shortcode that went live on that
/// Daraja app, so under the live rules (sandbox, production, the strict simulator) the portal's own app serves only the shortcodes bound to it (Mpesa:ShortCode
/// and the operator's billing account); every other account needs its own app, and a merchant's till its store
/// number (Daraja's BusinessShortCode for a till). Checked before a transaction row is written or Daraja is asked.
/// </summary>
public sealed class DarajaReadiness(PortalDbContext db, IOptionsMonitor<MpesaOptions> options)
{
    public const string CredentialsRequired = "daraja_credentials_required";
    public const string StoreNumberRequired = "till_store_number_required";

    /// <summary>The refusal a push for this account gets, or null when it may be pushed.</summary>
    public ServiceError? RefusePush(PaymentAccount account) =>
        Gap(account) is { } gap ? ServiceError.Conflict(gap.Code, gap.Message) : null;

    /// <summary>The merchant's accounts that cannot take a push yet, in payment_id order.</summary>
    public async Task<IReadOnlyList<AccountSetupNotice>> NoticesAsync(string merchantId, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.AppliesLiveRules)
        {
            return [];
        }

        var accounts = await db.PaymentAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.DeletedAt == null)
            .OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return [.. accounts.Select(a => (Account: a, Gap: Gap(a)))
            .Where(x => x.Gap is not null)
            .Select(x => new AccountSetupNotice(x.Account.PaymentId, x.Account.Sequence, x.Gap!.Value.Code, x.Gap.Value.Message))];
    }

    private (string Code, string Message)? Gap(PaymentAccount account)
    {
        var o = options.CurrentValue;
        if (!o.AppliesLiveRules || account.MerchantId == PlatformTenant.MerchantId)
        {
            // The lenient simulator's app takes any shortcode; the billing account is bound to the portal's app by the operator.
            return null;
        }

        var isTill = account.Type == PaymentAccountTypes.Till;
        var shortCode = isTill ? account.StoreNumber : account.Number;
        var portalsOwn = !string.IsNullOrEmpty(shortCode) && string.Equals(shortCode, o.ShortCode.Trim(), StringComparison.Ordinal);
        if (!DarajaCredentialsProvider.HasOwnCredentials(account) && !portalsOwn)
        {
            return (CredentialsRequired,
                $"Add this account's own Daraja app (consumer key, secret and passkey) on its Daraja credentials page: {account.PaymentId} "
                + $"({account.Number}) cannot be pushed through the portal's Daraja app, whose passkey belongs only to the portal's own shortcode.");
        }

        if (isTill && string.IsNullOrEmpty(account.StoreNumber))
        {
            return (StoreNumberRequired,
                $"Add this till's store number (the head-office number Safaricom gave with it) on its Daraja credentials page: "
                + $"{account.PaymentId} (till {account.Number}) is pushed with it as BusinessShortCode.");
        }

        return null;
    }
}
