using System.Linq.Expressions;
using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// The subscription state machine, as pure functions of the stored row and the clock. Only trial/active and the
/// end date are stored; past_due and expired follow from time, so no job has to flip them and they are never stale.
/// </summary>
public static class SubscriptionRules
{
    public static string StatusOf(string stored, DateTimeOffset expiresAt, DateTimeOffset? suspendedAt, DateTimeOffset now, int graceDays)
    {
        if (suspendedAt is not null)
        {
            return SubscriptionStatuses.Suspended;
        }

        if (now < expiresAt)
        {
            return stored == SubscriptionStatuses.Active ? SubscriptionStatuses.Active : SubscriptionStatuses.Trial;
        }

        // The grace period applies to a trial too: a merchant taking real payments is not cut off mid-day.
        return now < expiresAt.AddDays(graceDays) ? SubscriptionStatuses.PastDue : SubscriptionStatuses.Expired;
    }

    public static string StatusOf(Merchant merchant, DateTimeOffset now, int graceDays) =>
        StatusOf(merchant.SubscriptionStatus, merchant.SubscriptionExpiresAt, merchant.SuspendedAt, now, graceDays);

    /// <summary>
    /// <see cref="StatusOf(string, DateTimeOffset, DateTimeOffset?, DateTimeOffset, int)"/> as a query expression,
    /// for counting and filtering merchants in SQL. The thresholds are computed here and compared with the columns:
    /// SQLite stores instants as numbers, so no date arithmetic may run on a column.
    /// </summary>
    public static Expression<Func<Merchant, string>> StatusExpression(DateTimeOffset now, int graceDays)
    {
        var graceStart = now.AddDays(-graceDays);
        return m => m.SuspendedAt != null ? SubscriptionStatuses.Suspended
            : m.SubscriptionExpiresAt > now ? (m.SubscriptionStatus == SubscriptionStatuses.Active ? SubscriptionStatuses.Active : SubscriptionStatuses.Trial)
            : m.SubscriptionExpiresAt > graceStart ? SubscriptionStatuses.PastDue
            : SubscriptionStatuses.Expired;
    }

    /// <summary>Merchants whose status is <paramref name="status"/> now, as a query filter.</summary>
    public static Expression<Func<Merchant, bool>> HasStatus(string status, DateTimeOffset now, int graceDays)
    {
        var statusOf = StatusExpression(now, graceDays);
        return Expression.Lambda<Func<Merchant, bool>>(
            Expression.Equal(statusOf.Body, Expression.Constant(status)), statusOf.Parameters);
    }

    /// <summary>past_due still takes payments (with a warning); expired and suspended do not.</summary>
    public static bool CanTakePayments(string status) =>
        status is SubscriptionStatuses.Trial or SubscriptionStatuses.Active or SubscriptionStatuses.PastDue;

    /// <summary>
    /// The period a paid renewal adds. Paid early or within the grace period it follows the current end, so no
    /// paid day is lost and the grace period is not free time; once expired it starts now.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Renewal(DateTimeOffset expiresAt, DateTimeOffset now, int graceDays, int periodDays)
    {
        var start = now < expiresAt.AddDays(graceDays) ? expiresAt : now;
        var end = start.AddDays(periodDays);
        return end > now ? (start, end) : (now, now.AddDays(periodDays));
    }

    /// <summary>
    /// The new end when an administrator grants <paramref name="days"/> days: from the current end while it is in
    /// the future, else from now, so granted days are never swallowed by time already passed.
    /// </summary>
    public static DateTimeOffset Extension(DateTimeOffset expiresAt, DateTimeOffset now, int days) =>
        (expiresAt > now ? expiresAt : now).AddDays(days);

    /// <summary>Whole days left before the end (0 once it has passed), counted up so "ends in 6.5 days" reads 7.</summary>
    public static int DaysLeft(DateTimeOffset expiresAt, DateTimeOffset now) =>
        expiresAt <= now ? 0 : (int)Math.Ceiling((expiresAt - now).TotalDays);

    /// <summary>The merchant's plan, or the default plan for a merchant who has none of its own (lowest id first).</summary>
    public static Expression<Func<Plan, bool>> PlanOf(long? planId) =>
        planId is { } id ? p => p.Id == id : p => p.IsDefault;
}
