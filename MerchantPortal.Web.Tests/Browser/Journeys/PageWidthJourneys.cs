using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>
/// No page scrolls sideways on a 390 px phone or a 1366 px laptop, filled with long and hostile text; the team, reversal
/// and closing pages are also held to their tables fitting and to being usable on the phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PageWidthJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NoMerchantOrCustomerPageIsWiderThanAPhoneOrALaptopScreen()
    {
        var data = await PortalPageData.MerchantWithEverythingAsync(app);
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "width-merchant-pages", async page =>
        {
            string[] anonymous = ["/", "/Identity/Account/Login", "/Identity/Account/Register", $"/pay/{data.LinkId}", $"/pay/{data.LinkId}/poster"];
            await VisitAsync(page, anonymous, findings);
            await new MerchantPortalPages(page).SignInAsync(data.Merchant.Username, data.Merchant.Password);
            await VisitAsync(page, data.AllPaths, findings, cards: true);
        });

        PageChecks.AssertNone(findings, "Pages wider than the screen, or cards on the phone that do not say what their values are");
    }

    [Fact]
    public async Task TheTeamReversalAndClosingPagesFitAPhoneAndAreUsableOnIt()
    {
        var data = await TeamPageData.BusinessWithATeamAsync(app);
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "width-team-pages", async page =>
        {
            await VisitAsync(page, [data.InvitePath], findings, closely: true);
            await new MerchantPortalPages(page).SignInAsync(data.Owner.Username, data.Owner.Password);

            // The team page right after an invitation (its link shown to copy), and the counter after a payment.
            await page.GotoAsync("/Members");
            await page.GetByLabel("Email").FillAsync(TeamPageData.LongEmail("shared"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Expect(page.Locator("#invite-url")).ToBeVisibleAsync();
            await CheckAsync(page, "/Members after an invitation", findings, closely: true);
            var phone = TestPhones.Random();
            await page.GotoAsync("/Counter");
            await page.GetByLabel("Customer's phone").FillAsync(phone);
            await page.GetByLabel("Amount (KES)").FillAsync("1250");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send payment request" }).ClickAsync();
            await Expect(page.Locator("#payment")).ToContainTextAsync("received from", new() { Timeout = 20_000 });
            await CheckAsync(page, "/Counter after a payment", findings, closely: true);
            var outcome = await page.Locator("#payment").InnerTextAsync();
            if (!outcome.Contains($"\nKES 1,250 received from {phone[..4]} {phone[4..7]} {phone[7..]}.", StringComparison.Ordinal))
            {
                findings.Add("/Counter after a payment reads: " + outcome);
            }

            await VisitAsync(page, data.OwnerPaths, findings, closely: true);
        });

        PageChecks.AssertNone(findings, "Team, reversal and closing pages wider than the screen or hard to use on a phone");
    }

    [Fact]
    public async Task NoAdminPageIsWiderThanAPhoneOrALaptopScreen()
    {
        var data = await PortalPageData.MerchantWithEverythingAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "width-admin-pages", async page =>
        {
            await new MerchantPortalPages(page).SignInAsync(admin.Username, admin.Password);
            await VisitAsync(page, ["/Admin", "/Admin/Merchants", TestAdmin.DetailsOf(data.Merchant), "/Admin/Plans", "/Admin/Audit", "/Admin/Admins"], findings);
        });

        PageChecks.AssertNone(findings, "Admin pages wider than the screen");
    }

    /// <param name="cards">Also hold every table shown as cards on the phone to saying what its values are.</param>
    private static async Task VisitAsync(IPage page, IEnumerable<string> paths, List<string> findings, bool closely = false, bool cards = false)
    {
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await CheckAsync(page, path, findings, closely, cards);
        }
    }

    /// <summary>
    /// The page as it stands at each screen size, ending on the phone's; <paramref name="closely"/> adds its tables fitting
    /// their column and how usable it is on the phone (its cards included), <paramref name="cards"/> its cards alone.
    /// </summary>
    private static async Task CheckAsync(IPage page, string where, List<string> findings, bool closely = false, bool cards = false)
    {
        foreach (var (width, height) in PageChecks.Screens.OrderByDescending(s => s.Width))
        {
            await page.SetViewportSizeAsync(width, height);
            findings.AddRange(await PageChecks.WidthAsync(page, $"{where} at {width}"));
            if (closely)
            {
                findings.AddRange(await PageChecks.TablesAsync(page, $"{where} at {width}"));
            }

            if (width == PageChecks.Screens[0].Width && (closely || cards))
            {
                findings.AddRange(closely ? await PageChecks.PhoneAsync(page, $"{where} at {width}") : await PageChecks.CardsAsync(page, $"{where} at {width}"));
            }
        }
    }
}
