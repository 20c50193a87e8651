using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>A banner about the subscription: <c>Ending</c> (a warning) or <c>Ended</c>.</summary>
public sealed record SubscriptionBannerView(bool Ended, string Message);

/// <summary>Which subscription banner, if any, a merchant sees on every page.</summary>
public static class SubscriptionBanners
{
    /// <summary>How long before the end the warning starts.</summary>
    public static readonly TimeSpan WarningPeriod = TimeSpan.FromDays(7);

    public static SubscriptionBannerView? For(string status, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var when = Nairobi.Format(expiresAt) + " (Nairobi time)";
        var period = status == SubscriptionStatuses.Trial ? "trial" : "subscription";
        switch (status)
        {
            case SubscriptionStatuses.Suspended:
                return new SubscriptionBannerView(true, "Your subscription is suspended.");
            case SubscriptionStatuses.Expired or SubscriptionStatuses.PastDue:
            case SubscriptionStatuses.Trial or SubscriptionStatuses.Active when expiresAt <= now:
                return new SubscriptionBannerView(true, $"Your subscription has ended: your {period} ended on {when}.");
            case SubscriptionStatuses.Trial or SubscriptionStatuses.Active when expiresAt - now <= WarningPeriod:
                return new SubscriptionBannerView(false, $"Your {period} ends on {when}.");
            default:
                return null;
        }
    }
}

/// <summary>The banner for the signed-in merchant: one small query per page.</summary>
public sealed class SubscriptionBannerService(PortalDbContext db, TimeProvider time)
{
    public async Task<SubscriptionBannerView?> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var subscription = await db.Users.AsNoTracking()
            .Where(u => u.Id == merchantId)
            .Select(u => new { u.SubscriptionStatus, u.SubscriptionExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return subscription is null
            ? null
            : SubscriptionBanners.For(subscription.SubscriptionStatus, subscription.SubscriptionExpiresAt, time.GetUtcNow());
    }
}
