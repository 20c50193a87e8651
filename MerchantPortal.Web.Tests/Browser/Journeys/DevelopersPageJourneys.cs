using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The Developers page read on a phone and a laptop: long code scrolls in its own block, never the page.</summary>
[Trait("Category", "Browser")]
public sealed class DevelopersPageJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADeveloperFollowsTheContentsToTheErrorCodesAndNoWidthMakesThePageScrollSideways()
    {
        var username = "devs" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, "journey-developers", async page =>
        {
            await new MerchantPortalPages(page).RegisterAsync(username, username + "@example.com", "secret1");
            await page.GotoAsync("/Developers");
            var contents = page.GetByRole(AriaRole.Navigation, new() { Name = "On this page" });
            await contents.GetByRole(AriaRole.Link, new() { Name = "Error codes" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#errors$"));
            await Expect(page.Locator("#errors table")).ToContainTextAsync("duplicate_pending");

            foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync("/Developers");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"The Developers page is {overflow} px wider than a {width} px screen.");
                var block = page.Locator("#ex-api_stk-curl");
                var (scroll, client) = (await block.EvaluateAsync<int>("e => e.scrollWidth"), await block.EvaluateAsync<int>("e => e.clientWidth"));
                Assert.True(client <= width, $"The api_stk block is {client} px wide on a {width} px screen.");
                if (width == 390)
                {
                    Assert.True(scroll > client, "On a phone the long curl lines should scroll inside their block.");
                }
            }
        });
    }
}
