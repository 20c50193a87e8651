using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>
/// Test mode as a merchant's developer meets it on a phone: a test key made on the API keys page, its payment shown
/// only behind the "Test data" switch (with its striped band), a link tried in test mode, and back to live data.
/// </summary>
[Trait("Category", "Browser")]
public sealed class TestModeJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADeveloperMakesATestKeyPaysWithItAndFindsThePaymentOnlyInTestData()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Chapati"), ("amount", "60"))).AssertOk()
            .Data.GetProperty("link_id").GetString()!;

        await browser.RunAsync(app.BaseUri, "test-mode", async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);

            await portal.Menu.GoAsync("API keys", "Developers");
            await page.GetByLabel("Label").FillAsync("Sandbox script");
            await page.GetByLabel("Test: simulated payments, no money moves").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate a key" }).ClickAsync();
            var key = await page.GetByLabel("API key").InputValueAsync();
            Assert.StartsWith("sk_test_", key);
            await Expect(page.Locator("tr", new() { HasText = "Sandbox script" })).ToContainTextAsync("Test");

            var id = (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "77"))).AssertOk()
                .Data.GetProperty("transaction_id").GetString()!;
            Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, apiKey: key)).GetProperty("status").GetString());

            // Live data first: the test payment is not there, and there is no band.
            await portal.OpenTransactionsAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(0);
            await Expect(page.Locator("#test-data-banner")).ToHaveCountAsync(0);

            await portal.Menu.UnfoldAsync();
            await page.GetByRole(AriaRole.Switch, new() { Name = "Test data" }).ClickAsync();
            await Expect(page.Locator("#test-data-banner")).ToContainTextAsync("TEST DATA");
            await Expect(portal.TransactionRows).ToHaveCountAsync(1);
            await Expect(portal.TransactionRows.First).ToContainTextAsync("77");

            // The link, tried in test mode: the pay page says so and the payment joins the test data.
            var pay = new PayPage(page);
            await pay.OpenAsync($"/pay/{lid}?mode=test");
            await Expect(page.Locator("#test-mode-notice")).ToBeVisibleAsync();
            await pay.PayWithAsync(TestPhones.Random());
            await Expect(pay.Heading).ToHaveTextAsync("Payment received", new() { Timeout = 20_000 });

            await page.GotoAsync("/Transactions");
            await Expect(portal.TransactionRows).ToHaveCountAsync(2);

            // The script's request is in the test log, by its key's label; the live log does not have it.
            await portal.Menu.GoAsync("Logs", "Developers");
            var logged = page.Locator("#request-log tbody tr", new() { HasText = "api_stk" });
            await Expect(logged).ToHaveCountAsync(1);
            await Expect(logged).ToContainTextAsync("Sandbox script");

            await page.GetByRole(AriaRole.Button, new() { Name = "Back to live data" }).ClickAsync();
            await Expect(page.Locator("#test-data-banner")).ToHaveCountAsync(0);
            await Expect(page.Locator("#request-log tbody tr", new() { HasText = "api_stk" })).ToHaveCountAsync(0);
            await portal.OpenTransactionsAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(0);
        });
    }
}
