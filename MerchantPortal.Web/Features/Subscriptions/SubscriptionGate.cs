using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>Whether a merchant's subscription lets it take payments: asked on every money-moving path.</summary>
public sealed class SubscriptionGate(PortalDbContext db, TimeProvider time, IOptionsMonitor<AppOptions> app, Merchants.AuthenticatedMerchant authenticated)
{
    public string StatusOf(Merchant merchant) => SubscriptionRules.StatusOf(merchant, time.GetUtcNow(), app.CurrentValue.GraceDays);

    public string StatusOf(string stored, DateTimeOffset expiresAt, DateTimeOffset? suspendedAt) =>
        SubscriptionRules.StatusOf(stored, expiresAt, suspendedAt, time.GetUtcNow(), app.CurrentValue.GraceDays);

    public async Task<string?> StatusAsync(string merchantId, CancellationToken cancellationToken)
    {
        if (authenticated.Of(merchantId) is { } merchant)
        {
            return StatusOf(merchant);
        }

        var row = await db.Users.AsNoTracking().Where(u => u.Id == merchantId)
            .Select(u => new { u.SubscriptionStatus, u.SubscriptionExpiresAt, u.SuspendedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : StatusOf(row.SubscriptionStatus, row.SubscriptionExpiresAt, row.SuspendedAt);
    }

    /// <summary>Null when the merchant may take payments, else the 402 error to answer with.</summary>
    public async Task<ServiceError?> RefusePaymentsAsync(string merchantId, CancellationToken cancellationToken) =>
        Refusal(await StatusAsync(merchantId, cancellationToken));

    public static ServiceError? Refusal(string? status) => status switch
    {
        SubscriptionStatuses.Suspended => new ServiceError(ErrorKind.PaymentRequired, "merchant_suspended",
            "This merchant account is suspended by the portal operator and cannot take payments. The merchant should contact the operator."),
        SubscriptionStatuses.Expired => new ServiceError(ErrorKind.PaymentRequired, "subscription_expired",
            "This merchant's portal subscription has expired, so it cannot take payments. Renew it on the Billing page (or with renew_subscription) to take payments again."),
        _ => null,
    };

    /// <summary>What a customer on a closed pay page is told (they cannot renew anything).</summary>
    public const string ClosedForCustomers = "This merchant cannot take payments right now. Please contact the merchant.";
}
