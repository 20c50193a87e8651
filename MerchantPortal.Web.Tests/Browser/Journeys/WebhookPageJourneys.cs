using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The Webhooks page as a merchant uses it, on a phone and on a laptop.</summary>
[Trait("Category", "Browser")]
public sealed class WebhookPageJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AMerchantAddsALongWebhookUrlSendsATestEventAndThePageStaysWithinTheScreen()
    {
        var username = "hooks" + Guid.NewGuid().ToString("N")[..8];
        var longUrl = "https://example.com/" + string.Join('/', Enumerable.Repeat("a-rather-long-path-segment-for-payments", 9)) + "?token=" + new string('x', 80);

        await browser.RunAsync(app.BaseUri, "journey-webhooks", async page =>
        {
            await new MerchantPortalPages(page).RegisterAsync(username, username + "@example.com", "secret1");
            await page.GotoAsync("/Webhooks");
            await page.GetByLabel("Endpoint URL").FillAsync(longUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).First).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send a test event" }).ClickAsync();
            await Expect(page.Locator("table.deliveries")).ToContainTextAsync("webhook.test");

            foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.ReloadAsync();
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"The Webhooks page is {overflow} px wider than a {width} px screen.");
            }

            // Turning an endpoint off asks first (a <details> confirm).
            await page.Locator("details.confirm summary", new() { HasTextString = "Turn off" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, turn off" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Turn on" })).ToBeVisibleAsync();
        });
    }
}
