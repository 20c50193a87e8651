using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Subscriptions;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class SubscriptionRulesTests
{
    private const int Grace = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SubscriptionStatuses.Trial, 1, SubscriptionStatuses.Trial)]
    [InlineData(SubscriptionStatuses.Active, 1, SubscriptionStatuses.Active)]
    [InlineData(SubscriptionStatuses.Trial, 0, SubscriptionStatuses.PastDue)]
    [InlineData(SubscriptionStatuses.Active, -2, SubscriptionStatuses.PastDue)]
    [InlineData(SubscriptionStatuses.Active, -3, SubscriptionStatuses.Expired)]
    [InlineData(SubscriptionStatuses.Trial, -30, SubscriptionStatuses.Expired)]
    public void StatusFollowsTheEndDateAndTheGracePeriod(string stored, int daysToEnd, string expected) =>
        Assert.Equal(expected, SubscriptionRules.StatusOf(stored, Now.AddDays(daysToEnd), null, Now, Grace));

    [Fact]
    public void SuspensionOverridesEveryOtherState() =>
        Assert.Equal(SubscriptionStatuses.Suspended,
            SubscriptionRules.StatusOf(SubscriptionStatuses.Active, Now.AddDays(30), Now.AddDays(-1), Now, Grace));

    [Theory]
    [InlineData(SubscriptionStatuses.Trial, true)]
    [InlineData(SubscriptionStatuses.Active, true)]
    [InlineData(SubscriptionStatuses.PastDue, true)]
    [InlineData(SubscriptionStatuses.Expired, false)]
    [InlineData(SubscriptionStatuses.Suspended, false)]
    public void OnlyExpiredAndSuspendedMerchantsCannotTakePayments(string status, bool expected) =>
        Assert.Equal(expected, SubscriptionRules.CanTakePayments(status));

    [Fact]
    public void AnEarlyRenewalExtendsFromTheCurrentEndNotFromToday()
    {
        var end = Now.AddDays(5);

        var (start, newEnd) = SubscriptionRules.Renewal(end, Now, Grace, 30);

        Assert.Equal(end, start);
        Assert.Equal(end.AddDays(30), newEnd);
    }

    [Fact]
    public void ARenewalWithinTheGracePeriodFollowsTheOldEnd()
    {
        var end = Now.AddDays(-2);

        var (start, newEnd) = SubscriptionRules.Renewal(end, Now, Grace, 30);

        Assert.Equal(end, start);
        Assert.Equal(end.AddDays(30), newEnd);
    }

    [Fact]
    public void ARenewalAfterExpiryStartsToday()
    {
        var (start, newEnd) = SubscriptionRules.Renewal(Now.AddDays(-10), Now, Grace, 30);

        Assert.Equal(Now, start);
        Assert.Equal(Now.AddDays(30), newEnd);
    }

    [Fact]
    public void AGraceRenewalShorterThanTheLatenessStillEndsInTheFuture()
    {
        var (_, newEnd) = SubscriptionRules.Renewal(Now.AddDays(-2), Now, Grace, 1);

        Assert.Equal(Now.AddDays(1), newEnd);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(7, 7)]
    [InlineData(6.2, 7)]
    [InlineData(-1, 0)]
    public void DaysLeftCountsPartDaysUp(double days, int expected) =>
        Assert.Equal(expected, SubscriptionRules.DaysLeft(Now.AddDays(days), Now));
}

public sealed class SubscriptionBannersTests
{
    private const int Grace = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFreshTrialShowsNoBanner() =>
        Assert.Null(SubscriptionBanners.For(SubscriptionStatuses.Trial, Now.AddDays(14), Now, Grace));

    [Fact]
    public void ATrialEndingWithinSevenDaysSaysWhenInNairobiTime()
    {
        var banner = SubscriptionBanners.For(SubscriptionStatuses.Trial, Now.AddDays(3), Now, Grace);

        Assert.NotNull(banner);
        Assert.False(banner.Ended);
        Assert.Equal("Your trial ends on 1 Dec 2026, 12:00 (Nairobi time). Renew it on the Billing page.", banner.Message);
    }

    [Fact]
    public void AnActiveSubscriptionEndingExactlyInSevenDaysIsWarned() =>
        Assert.StartsWith("Your subscription ends on", SubscriptionBanners.For(SubscriptionStatuses.Active, Now.AddDays(7), Now, Grace)!.Message);

    [Fact]
    public void AnActiveSubscriptionWithEightDaysLeftShowsNoBanner() =>
        Assert.Null(SubscriptionBanners.For(SubscriptionStatuses.Active, Now.AddDays(8), Now, Grace));

    [Fact]
    public void PastDueWarnsWhenPaymentsWillStop()
    {
        var banner = SubscriptionBanners.For(SubscriptionStatuses.PastDue, Now.AddDays(-1), Now, Grace)!;

        Assert.False(banner.Ended);
        Assert.Contains("Payments stop on 30 Nov 2026, 12:00", banner.Message);
    }

    [Fact]
    public void ExpiredSaysPaymentsAreRefusedUntilRenewal()
    {
        var banner = SubscriptionBanners.For(SubscriptionStatuses.Expired, Now.AddDays(-10), Now, Grace)!;

        Assert.True(banner.Ended);
        Assert.Contains("payments are refused until you renew", banner.Message);
    }

    [Fact]
    public void ASuspendedAccountSaysSo() =>
        Assert.StartsWith("Your account is suspended", SubscriptionBanners.For(SubscriptionStatuses.Suspended, Now.AddDays(30), Now, Grace)!.Message);
}
