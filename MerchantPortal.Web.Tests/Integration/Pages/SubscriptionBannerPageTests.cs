using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class SubscriptionBannerPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ATrialEndingInThreeDaysIsAnnouncedOnEveryPage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await ExpireAsync(merchant, DateTimeOffset.UtcNow.AddDays(3));

        foreach (var path in new[] { "/Dashboard", "/Developers", "/PaymentLinks" })
        {
            var page = await merchant.Api.Http.GetStringAsync(path);
            Assert.Contains("Your trial ends on", page);
            Assert.Contains("M-Pesa is simulated", page);
        }
    }

    [Fact]
    public async Task APastDueSubscriptionSaysWhenPaymentsStop()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await ExpireAsync(merchant, DateTimeOffset.UtcNow.AddDays(-2));

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("Your subscription ended on", page);
        Assert.Contains("Payments stop on", page);
    }

    [Fact]
    public async Task AnExpiredSubscriptionIsAnnouncedAndTheDashboardStaysUsable()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await ExpireAsync(merchant, DateTimeOffset.UtcNow.AddDays(-10));

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("Your subscription has ended", page);
        Assert.Contains("href=\"/Billing\"", page);
    }

    [Fact]
    public async Task AFreshTrialShowsNoSubscriptionBanner()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.DoesNotContain("Your trial ends", page);
        Assert.DoesNotContain("Your subscription has ended", page);
        Assert.Contains("M-Pesa is simulated", page);
    }

    private Task<int> ExpireAsync(TestMerchant merchant, DateTimeOffset at) =>
        app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, at)));
}

public sealed class SqliteSubscriptionBannerPageTests(SqliteApp app) : SubscriptionBannerPageTests<SqliteApp>(app);

public sealed class PostgresSubscriptionBannerPageTests(PostgresApp app) : SubscriptionBannerPageTests<PostgresApp>(app);
