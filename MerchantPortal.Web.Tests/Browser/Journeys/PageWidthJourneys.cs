using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>No page scrolls sideways on a 390 px phone or a 1366 px laptop, filled with long and hostile text.</summary>
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
            await VisitAsync(page, data.AllPaths, findings);
        });

        PageChecks.AssertNone(findings, "Pages wider than the screen");
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

    private static async Task VisitAsync(IPage page, IEnumerable<string> paths, List<string> findings)
    {
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            foreach (var (width, height) in PageChecks.Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                findings.AddRange(await PageChecks.WidthAsync(page, $"{path} at {width}"));
            }
        }
    }
}
