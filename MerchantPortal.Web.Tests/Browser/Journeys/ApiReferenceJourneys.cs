using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>
/// A developer opens the API reference from the Developers page: Scalar renders every action from /openapi/v1.json,
/// with nothing loaded from another site and nothing the page's security policy refuses.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApiReferenceJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheReferenceRendersTheActionsFromThePortalAlone()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        await browser.RunAsync(app.BaseUri, "journey-api-reference", async page =>
        {
            var elsewhere = new List<string>();
            var refused = new List<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(app.BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    elsewhere.Add(request.Url);
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    refused.Add(message.Text);
                }
            };

            await new MerchantPortalPages(page).SignInAsync(merchant.Username, merchant.Password);
            await page.GotoAsync("/Developers");
            await page.GetByRole(AriaRole.Link, new() { Name = "Read it as a reference" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/docs/api$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "MerchantPortal API", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            // The first operation, with its fields and its error codes written as code (never eaten as HTML).
            var login = page.GetByRole(AriaRole.Region, new() { Name = "Sign in and receive the session cookie." });
            await Expect(login).ToContainTextAsync("Username or email.");
            await Expect(login).ToContainTextAsync("invalid_<field>");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "post /api/generate_api_key" })).ToBeAttachedAsync();
            Assert.Empty(elsewhere);
            Assert.Empty(refused);
        });
    }
}
