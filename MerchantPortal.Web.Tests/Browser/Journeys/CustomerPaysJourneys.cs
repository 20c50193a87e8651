using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

[Trait("Category", "Browser")]
public sealed class CustomerPaysJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ACustomerPaysOnTheirPhoneAndSeesTheReceiptWithoutReloading()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var url = (await merchant.Api.PostAsync("create_link", ("title", "School fees"), ("min", "100"), ("max", "5000")))
            .AssertOk().Body.GetProperty("public_url").GetString()!;

        await browser.RunAsync(app.BaseUri, nameof(ACustomerPaysOnTheirPhoneAndSeesTheReceiptWithoutReloading), async page =>
        {
            var pay = new PayPage(page);
            await pay.OpenAsync(url);
            await Expect(pay.Heading).ToHaveTextAsync("School fees");

            await pay.PayWithAsync("0712 345 678", "50");
            await Expect(pay.FieldError.First).ToContainTextAsync("at least KES 100");

            await pay.PayWithAsync("0712 345 678", "1500");
            await Expect(pay.Heading).ToHaveTextAsync("Payment received");
            await Expect(pay.Card).ToContainTextAsync("KES 1,500");
            await Expect(pay.Card).ToContainTextAsync("M-Pesa receipt");
        });
    }

    [Fact]
    public async Task ACustomerWhoCancelsIsToldSoAndCanTryAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Taxi"), ("amount", "300"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        await browser.RunAsync(app.BaseUri, nameof(ACustomerWhoCancelsIsToldSoAndCanTryAgain), async page =>
        {
            var pay = new PayPage(page);
            await pay.OpenAsync($"/pay/{lid}");
            await pay.PayWithAsync("0708000001");
            await Expect(pay.Heading).ToHaveTextAsync("Payment not completed");
            await Expect(pay.Card).ToContainTextAsync("cancelled");

            await pay.TryAgainAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Taxi");
        });
    }
}
