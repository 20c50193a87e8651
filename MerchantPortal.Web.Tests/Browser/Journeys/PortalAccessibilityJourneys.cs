using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>axe-core on the merchant's and the operator's pages, on a phone and on a laptop, filled with data.</summary>
[Trait("Category", "Browser")]
public sealed class PortalAccessibilityJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInAndRegisterHaveNoSeriousOrCriticalAxeViolationsEmptyOrWithErrors()
    {
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "axe-account-pages", async page =>
        {
            foreach (var (width, height) in PageChecks.Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync("/Identity/Account/Login");
                findings.AddRange(await PageChecks.AxeAsync(page, $"sign-in at {width}"));
                await page.GetByLabel("Username or email").FillAsync("nobody-" + Guid.NewGuid().ToString("N")[..6]);
                await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong");
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(Errors(page)).ToBeVisibleAsync();
                findings.AddRange(await PageChecks.AxeAsync(page, $"sign-in refused at {width}"));

                await page.GotoAsync("/Identity/Account/Register");
                findings.AddRange(await PageChecks.AxeAsync(page, $"register at {width}"));
                await page.GetByLabel("Username").FillAsync("<b>x</b>");
                await page.GetByLabel("Email address").FillAsync("x@example.com");
                await page.GetByLabel("Password", new() { Exact = true }).FillAsync("1");
                await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).Last.ClickAsync();
                await Expect(Errors(page)).ToBeVisibleAsync();
                findings.AddRange(await PageChecks.AxeAsync(page, $"register with errors at {width}"));
            }
        });

        PageChecks.AssertNone(findings, "Serious or critical axe violations on sign-in and register");
    }

    [Fact]
    public async Task TheMerchantsPagesHaveNoSeriousOrCriticalAxeViolations()
    {
        var merchant = await PortalPageData.MerchantWithEverythingAsync(app);
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "axe-merchant-pages", async page =>
        {
            await new MerchantPortalPages(page).SignInAsync(merchant.Merchant.Username, merchant.Merchant.Password);
            foreach (var (width, height) in PageChecks.Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var path in merchant.AxePaths)
                {
                    await page.GotoAsync(path);
                    findings.AddRange(await PageChecks.AxeAsync(page, $"{path} at {width}"));
                }
            }

            // The folded phone menu, opened with its account menu.
            var menu = new PortalMenu(page);
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/Dashboard");
            await menu.UnfoldAsync();
            await menu.AccountMenu.Locator("summary").ClickAsync();
            findings.AddRange(await PageChecks.AxeAsync(page, "the phone menu, unfolded"));
        });

        PageChecks.AssertNone(findings, "Serious or critical axe violations on the merchant's pages");
    }

    [Fact]
    public async Task TheAdminMerchantsPagesHaveNoSeriousOrCriticalAxeViolations()
    {
        var merchant = await PortalPageData.MerchantWithEverythingAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "axe-admin-pages", async page =>
        {
            await new MerchantPortalPages(page).SignInAsync(admin.Username, admin.Password);
            foreach (var (width, height) in PageChecks.Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var path in new[] { "/Admin/Merchants", "/Admin/Merchants?q=" + merchant.Merchant.Username, TestAdmin.DetailsOf(merchant.Merchant) })
                {
                    await page.GotoAsync(path);
                    findings.AddRange(await PageChecks.AxeAsync(page, $"{path} at {width}"));
                }
            }
        });

        PageChecks.AssertNone(findings, "Serious or critical axe violations on the admin's merchant pages");
    }

    [Fact]
    public async Task TheAxeCheckReportsEachSeriousOrCriticalRuleWithItsTarget()
    {
        IReadOnlyList<string> findings = [];

        await browser.RunAsync(app.BaseUri, "axe-self-check", async page =>
        {
            await page.SetContentAsync("""
                <html lang="en"><head><title>Check</title></head><body><main><h1>Check</h1>
                <p id="faint" style="color:#bbb;background:#fff">Faint text</p><button id="nameless"></button></main></body></html>
                """);
            findings = await PageChecks.AxeAsync(page, "sample");
        });

        Assert.Contains(findings, f => f.StartsWith("sample: color-contrast (serious) at #faint", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("sample: button-name (critical) at #nameless", StringComparison.Ordinal));
    }

    private static ILocator Errors(IPage page) => page.Locator(".field-error:not(:empty), .errors li, [aria-invalid=true]").First;
}
