using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class SubscriptionReminderRulesTests
{
    private const int Grace = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10 * 24, null)]
    [InlineData(7 * 24 + 1, null)]
    [InlineData(7 * 24, 7)]
    [InlineData(3 * 24 + 1, 7)]
    [InlineData(3 * 24, 3)]
    [InlineData(24 + 1, 3)]
    [InlineData(24, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(-24, 0)]
    [InlineData(-3 * 24 + 1, 0)]
    [InlineData(-3 * 24, null)]
    [InlineData(-30 * 24, null)]
    public void OnlyTheCurrentStageIsDueAndNothingForEndsLongPast(int hoursToEnd, int? stage) =>
        Assert.Equal(stage, ReminderSchedule.DueStage(Now.AddHours(hoursToEnd), Now, Grace));

    [Fact]
    public void WithoutAGracePeriodTheEndReminderIsStillDueForADay()
    {
        Assert.Equal(0, ReminderSchedule.DueStage(Now.AddHours(-23), Now, graceDays: 0));
        Assert.Null(ReminderSchedule.DueStage(Now.AddHours(-25), Now, graceDays: 0));
    }

    [Fact]
    public void AsTheClockPassesAnEndEachStageBecomesDueOnceInOrder()
    {
        var clock = new FakeTimeProvider(Now);
        var end = Now.AddDays(14);
        var seen = new List<int>();

        while (clock.GetUtcNow() < end.AddDays(Grace + 2))
        {
            if (ReminderSchedule.DueStage(end, clock.GetUtcNow(), Grace) is { } stage && (seen.Count == 0 || seen[^1] != stage))
            {
                seen.Add(stage);
            }

            clock.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.Equal([7, 3, 1, 0], seen);
    }

    [Fact]
    public void TheWindowsTheWorkerQueriesAgreeWithTheDueStage()
    {
        for (var hours = -5 * 24; hours <= 9 * 24; hours++)
        {
            var end = Now.AddHours(hours).AddMinutes(17);
            var due = ReminderSchedule.DueStage(end, Now, Grace);
            var containing = ReminderSchedule.Stages.Where(s =>
            {
                var (after, upTo) = ReminderSchedule.Window(s, Now, Grace);
                return end > after && end <= upTo;
            }).ToList();
            Assert.Equal(due is null ? [] : [due.Value], containing);
        }
    }

    [Fact]
    public void AReminderSaysWhenInNairobiTimeWhatTheRenewalCostsAndWhereToPay()
    {
        var to = new ReminderRecipient("m1", "shop@example.com", "shop", SubscriptionStatuses.Trial, new DateTimeOffset(2026, 12, 5, 21, 30, 0, TimeSpan.Zero), null);

        var message = ReminderEmails.Compose(to, 7, new PlanDto("plan_x", "Standard", 1000, 30), Grace, "https://pay.example/Billing", to.ExpiresAt.AddDays(-7));

        Assert.Equal("shop@example.com", message.To);
        Assert.Equal("Your MerchantPortal trial ends in 7 days", message.Subject);
        Assert.Contains("6 Dec 2026, 00:30 (Nairobi time)", message.TextBody);
        Assert.Contains("Standard, KES 1,000 for 30 days", message.TextBody);
        Assert.Contains("https://pay.example/Billing", message.TextBody);
    }

    [Theory]
    [InlineData(3, 3.0, "Your MerchantPortal subscription ends in 3 days")]
    [InlineData(7, 4.5, "Your MerchantPortal subscription ends in 5 days")]
    [InlineData(1, 0.4, "Your MerchantPortal subscription ends within a day")]
    [InlineData(0, 0.0, "Your MerchantPortal subscription has ended")]
    public void EachStageSaysTheDaysActuallyLeft(int stage, double daysLeft, string subject)
    {
        var end = Now;
        var to = new ReminderRecipient("m1", "shop@example.com", "shop", SubscriptionStatuses.Active, end, 1);

        var message = ReminderEmails.Compose(to, stage, null, Grace, "https://pay.example/Billing", end.AddDays(-daysLeft));

        Assert.Equal(subject, message.Subject);
        if (stage == 0)
        {
            Assert.Contains($"Payments keep working until {Nairobi.Format(end.AddDays(Grace))}", message.TextBody);
        }
    }
}
