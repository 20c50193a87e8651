using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

[Trait("Category", "Browser")]
public sealed class MerchantJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ANewMerchantSignsUpSharesALinkWatchesACustomerPayAndFindsThePayment()
    {
        var username = "shop" + Guid.NewGuid().ToString("N")[..8];

        await browser.RunAsync(app.BaseUri, nameof(ANewMerchantSignsUpSharesALinkWatchesACustomerPayAndFindsThePayment), async page =>
        {
            var portal = new MerchantPortalPages(page);
            await portal.RegisterAsync(username, username + "@example.com", "secret1");
            await Expect(portal.Heading).ToHaveTextAsync("Dashboard");

            await portal.AddPaybillAsync("123456", "Shop");
            await Expect(page.Locator("body")).ToContainTextAsync("#00001");

            var url = await portal.CreateFixedLinkAsync("Mandazi box", "250");
            Assert.Contains("action=paylink", url);

            // The customer, on their own phone.
            var customer = await page.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var pay = new PayPage(customer);
            await pay.OpenAsync(url);
            await Expect(pay.Heading).ToHaveTextAsync("Mandazi box");
            await Expect(customer.Locator("body")).ToContainTextAsync("KES 250");
            await pay.PayWithAsync("0712345678");
            await Expect(pay.Heading).ToHaveTextAsync("Payment received");
            await customer.CloseAsync();

            await portal.OpenTransactionsAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(1);
            await Expect(portal.TransactionRows.First).ToContainTextAsync("Paid");
            await Expect(portal.TransactionRows.First).ToContainTextAsync("KES 250");
        });
    }
}
