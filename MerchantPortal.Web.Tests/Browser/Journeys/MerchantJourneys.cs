using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The journeys, as a merchant and their customers click them.</summary>
[Trait("Category", "Browser")]
public sealed class MerchantJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("0712345678", "Payment received", "succeeded")]
    [InlineData("0708000001", "You cancelled the payment", "cancelled")]
    [InlineData("0708000004", "The prompt expired", "timeout")]
    public async Task AMerchantSignsUpSharesALinkAndSeesTheCustomersPaymentOnTheDashboardAndInTheExport(string phone, string outcome, string status)
    {
        var username = "shop" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, $"journey-{status}", async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.RegisterAsync(username, username + "@example.com", "secret1");
            await Expect(portal.Heading).ToHaveTextAsync("Home");
            await portal.AddAccountAsync("Till (Buy Goods)", "654321");
            await Expect(page.Locator("body")).ToContainTextAsync("#00001");
            var url = await portal.CreateFixedLinkAsync("Mandazi box", "250");

            // The customer, on their own phone.
            var customer = await page.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var pay = new PayPage(customer);
            await pay.OpenAsync(url);
            await Expect(customer.Locator("body")).ToContainTextAsync("KES 250");
            await pay.PayWithAsync(phone);
            await Expect(pay.Heading).ToHaveTextAsync(outcome);
            if (status == "succeeded")
            {
                await Expect(pay.Card).ToContainTextAsync("M-Pesa receipt");
            }

            await customer.CloseAsync();

            await portal.OpenDashboardAsync();
            await Expect(page.Locator("table.data tbody tr").First).ToContainTextAsync("KES 250");
            if (status == "succeeded")
            {
                await Expect(page.Locator(".kpi").First).ToContainTextAsync("KES 250");
            }

            var csv = await portal.ExportCsvAsync();
            Assert.Contains($",{Web.Features.Transactions.StatusWords.Of(status)},250,", csv);
        });
    }

    [Fact]
    public async Task AMerchantUsesAKeyFromTheDashboardWithTheApiThenRevokesIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        await browser.RunAsync(app.BaseUri, "journey-api-key", async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);
            var key = await portal.GenerateApiKeyAsync("Online shop");
            Assert.StartsWith("sk_", key);

            using var api = app.NewApi();
            (await api.GetAsync("me", ("api_key", key))).AssertOk();

            await page.ReloadAsync();
            await Expect(page.Locator("body")).Not.ToContainTextAsync(key);
            await portal.RevokeApiKeyAsync("Online shop");
            (await api.GetAsync("me", ("api_key", key))).AssertError(System.Net.HttpStatusCode.Unauthorized, "not_authenticated");
        });
    }

    [Fact]
    public async Task AMerchantTurnsOnTwoFactorSignInAndSignsInWithACode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        await browser.RunAsync(app.BaseUri, "journey-2fa", async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);
            var key = await portal.EnableTwoFactorAsync(k => Totp.Code(k, DateTimeOffset.UtcNow));
            await Expect(portal.Heading).ToHaveTextAsync("Your recovery codes");

            await portal.SignOutAsync();
            await portal.SignInAsync(merchant.Email, merchant.Password);
            await Expect(portal.Heading).ToHaveTextAsync("Two-factor sign-in");
            await portal.EnterSecondFactorAsync("000000");
            await Expect(page.Locator(".errors, .field-error").First).Not.ToBeEmptyAsync();
            // The setup code was used once already: sign in with the next one.
            await portal.EnterSecondFactorAsync(TestTwoFactor.NextCode(key));
            await Expect(portal.Heading).ToHaveTextAsync("Home");
        });
    }
}
