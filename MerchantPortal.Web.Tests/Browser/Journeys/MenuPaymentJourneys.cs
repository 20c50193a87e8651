using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>
/// A merchant on a phone simulates a customer paying their paybill from the M-Pesa menu with a link's account code:
/// the simulated M-Pesa confirms it to the portal over HTTP, and the payment shows on the dashboard, attributed to the
/// link, and under Payments with the "M-Pesa menu" channel filter.
/// </summary>
[Trait("Category", "Browser")]
public sealed class MenuPaymentJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AMerchantSimulatesAMenuPaymentWithALinksAccountCodeAndSeesItOnTheDashboard()
    {
        var username = "shule" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, "journey-menu-payment", async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            var portal = new MerchantPortalPages(page);
            await portal.RegisterAsync(username, username + "@example.com", "secret1");
            await Expect(portal.Heading).ToHaveTextAsync("Home");
            await portal.AddAccountAsync("Paybill", "654321");
            await portal.CreateFixedLinkAsync("Term 1 fees", "1500");
            var code = (await page.Locator("#account-code").InnerTextAsync()).Trim();
            Assert.Matches("^[A-Z0-9]{2,12}$", code);

            await portal.OpenDashboardAsync();
            await page.Locator("#simulate-menu-payment summary").ClickAsync();
            await page.GetByLabel("Customer's phone").FillAsync("0712 345 126");
            await page.GetByLabel("Amount (KES)").FillAsync("1500");
            // Customers type account numbers in any case.
            await page.GetByLabel("Account number (paybill)").FillAsync(code.ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "Pay from the menu" }).ClickAsync();
            await Expect(page.Locator(".status-ok")).ToContainTextAsync("paid from the M-Pesa menu");

            // The confirmation arrives on its own shortly after; the merchant reloads the dashboard until it is in.
            var row = portal.TransactionRows.Filter(new() { HasText = "M-Pesa menu" });
            for (var tries = 0; tries < 40 && await row.CountAsync() == 0; tries++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }

            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("Paid");
            await Expect(row).ToContainTextAsync("Term 1 fees");
            await Expect(row).ToContainTextAsync("KES 1,500");

            await row.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.Locator("#txn-channel")).ToHaveTextAsync("M-Pesa menu");
            await Expect(page.Locator("#txn-bill-ref")).ToHaveTextAsync(code.ToLowerInvariant());
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("Term 1 fees");

            await portal.OpenTransactionsAsync();
            await page.Locator("#Filter_Channel").SelectOptionAsync(new SelectOptionValue { Label = "M-Pesa menu" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(1);
            await Expect(portal.TransactionRows.First).ToContainTextAsync("M-Pesa menu");
        });
    }
}
