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
        });
    }
}
