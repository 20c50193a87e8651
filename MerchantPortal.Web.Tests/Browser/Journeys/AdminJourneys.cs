using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The operator journey: suspending a merchant closes its pay page.</summary>
[Trait("Category", "Browser")]
public sealed class AdminJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOperatorFindsAMerchantSuspendsItAndItsPayPageStopsTakingPayments()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var url = (await merchant.Api.PostAsync("create_link", ("title", "Samosa tray"), ("amount", "300")))
            .AssertOk().Body.GetProperty("public_url").GetString()!;
        var operatorAccount = await TestAdmin.CreateAsync(app);

        await browser.RunAsync(app.BaseUri, "journey-admin-suspend", async page =>
        {
            await new MerchantPortalPages(page).SignInAsync(operatorAccount.Username, operatorAccount.Password);
            var admin = new AdminPages(page);
            await admin.OpenAsync();
            await Expect(admin.Heading).ToHaveTextAsync("Platform figures");

            await admin.FindMerchantAsync(merchant.Email);
            await admin.OpenMerchantAsync(merchant.Username);
            await Expect(admin.Heading).ToHaveTextAsync(merchant.Username);
            await admin.SuspendAsync("Chargebacks under review");
            await Expect(admin.StatusMessage).ToContainTextAsync("Merchant suspended");
            await Expect(admin.SubscriptionState).ToHaveTextAsync("suspended");

            // A customer opens the merchant's payment link on their own phone.
            var customer = await page.Context.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var pay = new PayPage(customer);
            await pay.OpenAsync(url);
            await Expect(customer.Locator("body")).ToContainTextAsync(SubscriptionGate.ClosedForCustomers);
            await Expect(customer.GetByRole(AriaRole.Button, new() { Name = "Pay with M-Pesa" })).ToHaveCountAsync(0);
            await customer.CloseAsync();
        });
    }
}
