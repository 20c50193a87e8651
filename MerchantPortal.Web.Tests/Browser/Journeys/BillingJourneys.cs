using System.Net;
using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The billing journey: refused when the trial has ended, renewed on the Billing page, working again.</summary>
[Trait("Category", "Browser")]
public sealed class BillingJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AMerchantWhoseTrialEndedIsRefusedByTheApiRenewsOnTheBillingPageAndTheApiWorksAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        // Well past the three days' grace: the trial has expired.
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, DateTimeOffset.UtcNow.AddDays(-20))));
        using var api = app.NewApi();
        (await api.PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "100")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");

        await browser.RunAsync(app.BaseUri, "journey-renewal", async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);
            await Expect(page.Locator(".banner-ended")).ToContainTextAsync("Your subscription has ended");
            var billing = new BillingPage(page);
            await billing.OpenAsync();
            await Expect(billing.State).ToHaveTextAsync("Expired");

            await billing.RenewWithAsync(TestPhones.Random());

            // The page follows the payment by itself until M-Pesa confirms it.
            await Expect(billing.Outcome).ToHaveTextAsync("Payment received");
            await Expect(billing.State).ToHaveTextAsync("Active");
            await Expect(billing.HistoryRows.First).ToContainTextAsync("Paid");
            await Expect(page.Locator(".banner-ended")).ToHaveCountAsync(0);
        });

        (await api.PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "100"))).AssertOk();
    }
}
