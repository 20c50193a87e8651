using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class SubscriptionBannersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AFreshTrialShowsNoBanner() =>
        Assert.Null(SubscriptionBanners.For(SubscriptionStatuses.Trial, Now.AddDays(14), Now));

    [Fact]
    public void ATrialEndingWithinSevenDaysSaysWhenInNairobiTime()
    {
        var banner = SubscriptionBanners.For(SubscriptionStatuses.Trial, Now.AddDays(3), Now);

        Assert.NotNull(banner);
        Assert.False(banner.Ended);
        Assert.Equal("Your trial ends on 1 Dec 2026, 12:00 (Nairobi time).", banner.Message);
    }

    [Fact]
    public void AnActiveSubscriptionEndingExactlyInSevenDaysIsWarned()
    {
        var banner = SubscriptionBanners.For(SubscriptionStatuses.Active, Now.AddDays(7), Now);

        Assert.StartsWith("Your subscription ends on", banner!.Message);
    }

    [Fact]
    public void AnActiveSubscriptionWithEightDaysLeftShowsNoBanner() =>
        Assert.Null(SubscriptionBanners.For(SubscriptionStatuses.Active, Now.AddDays(8), Now));

    [Theory]
    [InlineData(SubscriptionStatuses.Trial, -1)]
    [InlineData(SubscriptionStatuses.Active, 0)]
    [InlineData(SubscriptionStatuses.Expired, 30)]
    [InlineData(SubscriptionStatuses.PastDue, -3)]
    public void APeriodThatRanOutSaysTheSubscriptionHasEnded(string status, int days)
    {
        var banner = SubscriptionBanners.For(status, Now.AddDays(days), Now);

        Assert.True(banner!.Ended);
        Assert.StartsWith("Your subscription has ended", banner.Message);
    }

    [Fact]
    public void ASuspendedSubscriptionSaysSo() =>
        Assert.Equal("Your subscription is suspended.", SubscriptionBanners.For(SubscriptionStatuses.Suspended, Now.AddDays(30), Now)!.Message);
}
