using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>On a phone, a form's errors show before anything is sent (the services' rules, checked in the browser).</summary>
[Trait("Category", "Browser")]
public sealed class FormJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnInvalidPaymentLinkFormShowsItsErrorWithoutARoundTripAndFocusesTheField()
    {
        var username = "forms" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, "journey-forms-link", async page =>
        {
            await new MerchantPortalPages(page).RegisterAsync(username, username + "@example.com", "secret1");
            await page.GotoAsync("/PaymentLinks/Create");
            var posts = 0;
            page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

            await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();

            var title = page.GetByLabel("Title");
            await Expect(page.Locator("#Input_Title-error")).ToHaveTextAsync("Enter a title: what the customer pays for.");
            await Expect(title).ToBeFocusedAsync();
            await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(title).ToHaveAttributeAsync("aria-describedby", "Input_Title-error");
            Assert.Equal(0, posts);
            Assert.EndsWith("/PaymentLinks/Create", page.Url);

            // Put right, the error goes and the form is sent.
            await title.FillAsync("Sukuma wiki");
            await page.GetByLabel("Fixed amount (KES)").FillAsync("50");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sukuma wiki" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task AShortTillNumberIsRefusedInPlainWordsBeforeSending()
    {
        var username = "forms" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, "journey-forms-account", async page =>
        {
            await new MerchantPortalPages(page).RegisterAsync(username, username + "@example.com", "secret1");
            await page.GotoAsync("/PaymentAccounts/Create");
            var posts = 0;
            page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

            await page.GetByLabel("Paybill or till number").FillAsync("12");
            // Sent from the next field with the keyboard's Go key, so the focus has somewhere to come back from.
            await page.GetByLabel("Account reference (optional)").FillAsync("Counter");
            await page.GetByLabel("Account reference (optional)").PressAsync("Enter");

            await Expect(page.Locator("#Input_Number-error")).ToHaveTextAsync("Enter your paybill or till number: 5 to 7 digits.");
            await Expect(page.GetByLabel("Paybill or till number")).ToBeFocusedAsync();
            await Expect(page.GetByLabel("Paybill or till number")).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.Equal(0, posts);

            // The server's answer to hostile text, on a phone and a laptop: every error shown, nothing wider than the screen.
            await page.GetByLabel("Paybill or till number").FillAsync("<script>alert(1)</script>" + new string('9', 300));
            await page.EvaluateAsync("() => document.querySelector('form.panel').submit()");
            await Expect(page.Locator("#Input_Number-field-error")).ToHaveTextAsync("Enter your paybill or till number: 5 to 7 digits.");
            await Expect(page.GetByLabel("Paybill or till number")).ToBeFocusedAsync();
            foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
            {
                await page.SetViewportSizeAsync(width, height);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"The form with errors is {overflow} px wider than a {width} px screen.");
            }
        });
    }
}
