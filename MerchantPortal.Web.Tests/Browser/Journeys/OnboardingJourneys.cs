using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>A new merchant on a 390×844 phone, from registering to a first test payment, by the checklist.</summary>
[Trait("Category", "Browser")]
public sealed class OnboardingJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    private static readonly string[] Pages =
        ["/Dashboard", "/Transactions", "/PaymentLinks", "/ApiKeys", "/Webhooks", "/Logs", "/Developers", "/Settings/Business",
         "/PaymentAccounts", "/Billing", "/Identity/Account/Manage/TwoFactor", "/Identity/Account/Manage/ChangePassword"];

    [Fact]
    public async Task ANewMerchantFollowsTheChecklistToAFirstTestPaymentOnAPhone()
    {
        var username = "duka" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, "journey-onboarding", async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.RegisterAsync(username, username + "@example.com", "secret1");
            await Expect(portal.Heading).ToHaveTextAsync("Home");
            var checklist = page.Locator("section.checklist");
            await Expect(checklist).ToContainTextAsync("0 of 4 done");
            await NoHorizontalOverflowAsync(page);

            // The folded menu opens and closes without leaving the page.
            await Expect(portal.Menu.Main).ToBeHiddenAsync();
            await portal.Menu.UnfoldAsync();
            await Expect(portal.Menu.Main.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToHaveAttributeAsync("aria-current", "page");
            await NoHorizontalOverflowAsync(page);
            await portal.Menu.FoldAsync();

            await portal.AddAccountAsync("Till (Buy Goods)", "654321");
            await portal.OpenDashboardAsync();
            await Expect(checklist.Locator("[data-step=account]")).ToHaveClassAsync("done");
            await portal.CreateFixedLinkAsync("Sukuma wiki bundle", "150");
            await portal.OpenDashboardAsync();
            await Expect(checklist.Locator("[data-step=link]")).ToHaveClassAsync("done");

            await page.GetByRole(AriaRole.Button, new() { Name = "Pay my link from a test number" }).ClickAsync();
            // The transaction's page reloads itself (no script) until M-Pesa's answer is in.
            await Expect(portal.Heading).ToHaveTextAsync("KES 150 from 0708 000 000 · Paid", new() { Timeout = 20_000 });
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("Test number");
            await NoHorizontalOverflowAsync(page);

            await portal.OpenDashboardAsync();
            await Expect(checklist.Locator("[data-step=payment]")).ToHaveClassAsync("done");
            await Expect(checklist).ToContainTextAsync("3 of 4 done");
            await Expect(page.Locator("table.data tbody tr").First).ToContainTextAsync("Paid");
            await Expect(page.Locator(".chart-y")).ToContainTextAsync("KES 200");

            var tooWide = new List<string>();
            foreach (var width in new[] { 390, 1366 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                foreach (var path in Pages)
                {
                    await page.GotoAsync(path);
                    if (await WidthAsync(page) is var (scroll, viewport) && scroll > viewport)
                    {
                        tooWide.Add($"{path} is {scroll}px wide at {viewport}px");
                    }
                }
            }

            Assert.Empty(tooWide);

            // On a desktop the menu is not folded, and opening one group closes the other (nav.js).
            await Expect(portal.Menu.Toggle).ToBeHiddenAsync();
            var developers = portal.Menu.Main.Locator("details", new() { Has = page.Locator("summary", new() { HasText = "Developers" }) });
            await developers.Locator("summary").ClickAsync();
            await Expect(developers).ToHaveAttributeAsync("open", "");
            await portal.Menu.Main.Locator("summary", new() { HasText = "Settings" }).ClickAsync();
            await Expect(developers).Not.ToHaveAttributeAsync("open", "");
            await portal.SignOutAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        });
    }

    private static async Task NoHorizontalOverflowAsync(IPage page)
    {
        var (scroll, viewport) = await WidthAsync(page);
        Assert.True(scroll <= viewport, $"{page.Url} is {scroll}px wide in a {viewport}px viewport.");
    }

    private static async Task<(int Scroll, int Viewport)> WidthAsync(IPage page) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
}
