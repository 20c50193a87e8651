using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Email;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// When subscription reminders are due: 7, 3 and 1 days before the end, and at the end itself (stage 0). Only the
/// current stage is ever due, so a worker that was down for days sends one reminder rather than a backlog, and an
/// end further back than the grace period (at least a day) gets none: the merchant was told at the time.
/// </summary>
public static class ReminderSchedule
{
    public const int AtEnd = 0;

    private static readonly int[] StageDays = [7, 3, 1, AtEnd];

    /// <summary>Days before the end, furthest first.</summary>
    public static IReadOnlyList<int> Stages => StageDays;

    /// <summary>The end dates for which <paramref name="stage"/> is the current stage at <paramref name="now"/>: After &lt; end ≤ UpTo.</summary>
    public static (DateTimeOffset After, DateTimeOffset UpTo) Window(int stage, DateTimeOffset now, int graceDays)
    {
        if (stage == AtEnd)
        {
            return (now.AddDays(-Math.Max(1, graceDays)), now);
        }

        var index = Array.IndexOf(StageDays, stage);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a reminder stage.");
        }

        return (now.AddDays(StageDays[index + 1]), now.AddDays(stage));
    }

    /// <summary>The stage due for a subscription ending at <paramref name="expiresAt"/>, or null when none is.</summary>
    public static int? DueStage(DateTimeOffset expiresAt, DateTimeOffset now, int graceDays)
    {
        foreach (var stage in Stages)
        {
            var (after, upTo) = Window(stage, now, graceDays);
            if (expiresAt > after && expiresAt <= upTo)
            {
                return stage;
            }
        }

        return null;
    }
}

/// <summary>Who a reminder goes to and what it is about.</summary>
public sealed record ReminderRecipient(string MerchantId, string Email, string UserName, string StoredStatus, DateTimeOffset ExpiresAt, long? PlanId);

/// <summary>The words of a reminder email: plain text, dates in Nairobi time.</summary>
public static class ReminderEmails
{
    /// <param name="now">The subject counts the days actually left: a stage is due from its day until the next one.</param>
    public static EmailMessage Compose(ReminderRecipient to, int stage, PlanDto? plan, int graceDays, string billingUrl, DateTimeOffset now)
    {
        var what = to.StoredStatus == SubscriptionStatuses.Active ? "subscription" : "trial";
        var daysLeft = SubscriptionRules.DaysLeft(to.ExpiresAt, now);
        var subject = stage == ReminderSchedule.AtEnd
            ? $"Your MerchantPortal {what} has ended"
            : daysLeft <= 1 ? $"Your MerchantPortal {what} ends within a day" : $"Your MerchantPortal {what} ends in {daysLeft} days";
        var end = Nairobi.Format(to.ExpiresAt) + " (Nairobi time)";
        var graceEnd = Nairobi.Format(to.ExpiresAt.AddDays(graceDays)) + " (Nairobi time)";
        var situation = stage != ReminderSchedule.AtEnd
            ? $"Your {what} ends on {end}. Renew before then to keep taking payments without a break: renewing early loses no day, because the new period starts when the current one ends."
            : graceDays > 0
                ? $"Your {what} ended on {end}. Payments keep working until {graceEnd}; after that the API and your payment links refuse them until you renew."
                : $"Your {what} ended on {end}: the API and your payment links refuse payments until you renew.";
        var price = plan is null ? "" : $"Your plan: {plan.Name}, {Amounts.Format(plan.Price)} for {plan.PeriodDays} days.\n";
        var body = $"Hello {to.UserName},\n\n{situation}\n\n{price}Renew with M-Pesa on the Billing page: {billingUrl}\n\nMerchantPortal\n";
        return new EmailMessage(to.Email, subject, body);
    }
}
