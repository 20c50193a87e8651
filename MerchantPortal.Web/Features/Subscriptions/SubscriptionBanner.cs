using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>A banner about the subscription: a warning, or <c>Ended</c> when payments are refused.</summary>
public sealed record SubscriptionBannerView(bool Ended, string Message);

/// <summary>Which subscription banner, if any, a merchant sees on every page.</summary>
public static class SubscriptionBanners
{
    /// <summary>How long before the end the warning starts.</summary>
    public static readonly TimeSpan WarningPeriod = TimeSpan.FromDays(7);

    public static SubscriptionBannerView? For(string status, DateTimeOffset expiresAt, DateTimeOffset now, int graceDays)
    {
        var when = Nairobi.Format(expiresAt) + " (Nairobi time)";
        return status switch
        {
            SubscriptionStatuses.Suspended => new SubscriptionBannerView(true,
                "Your account is suspended by the portal operator: payments are refused. Contact the operator."),
            SubscriptionStatuses.Expired => new SubscriptionBannerView(true,
                $"Your subscription has ended ({when}): payments are refused until you renew it on the Billing page."),
            SubscriptionStatuses.PastDue => new SubscriptionBannerView(false,
                $"Your subscription ended on {when}. Payments stop on {Nairobi.Format(expiresAt.AddDays(graceDays))} unless you renew it on the Billing page."),
            SubscriptionStatuses.Trial or SubscriptionStatuses.Active when expiresAt - now <= WarningPeriod => new SubscriptionBannerView(false,
                $"Your {(status == SubscriptionStatuses.Trial ? "trial" : "subscription")} ends on {when}. Renew it on the Billing page."),
            _ => null,
        };
    }
}

/// <summary>The banner for the signed-in merchant: one small query per page.</summary>
public sealed class SubscriptionBannerService(PortalDbContext db, SubscriptionGate gate, TimeProvider time, IOptionsMonitor<AppOptions> app)
{
    public async Task<SubscriptionBannerView?> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == merchantId, cancellationToken);
        return merchant is null
            ? null
            : SubscriptionBanners.For(gate.StatusOf(merchant), merchant.SubscriptionExpiresAt, time.GetUtcNow(), app.CurrentValue.GraceDays);
    }
}
