using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>
/// The team journey: an owner invites a cashier, the cashier takes a payment at the counter on a phone, finance
/// asks for its reversal and the owner approves it with a two-factor code.
/// </summary>
[Trait("Category", "Browser")]
public sealed class TeamJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOwnerInvitesACashierWhoTakesAPaymentThatFinanceReversesWithTheOwnersApproval()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var finance = await TestMembers.JoinAsync(app, owner, "finance");
        var key = await TestTwoFactor.EnableAsync(owner.Api.Http);
        var cashierEmail = "till" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var cashierName = "till" + Guid.NewGuid().ToString("N")[..8];
        var phone = TestPhones.Random();

        await browser.RunAsync(app.BaseUri, "journey-team-reversal", async page =>
        {
            // The owner signs in (with their second factor) and invites the cashier from Settings → Team.
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(owner.Username, owner.Password);
            await portal.EnterSecondFactorAsync(TestTwoFactor.NextCode(key));
            await portal.Menu.GoAsync("Team", "Settings");
            await page.GetByLabel("Email").FillAsync(cashierEmail);
            await page.Locator("#Role").SelectOptionAsync(new SelectOptionValue { Label = "Cashier" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            var link = await page.Locator("#invite-url").InputValueAsync();

            // The cashier, on their phone, joins through the link and lands at the counter.
            var cashierContext = await page.Context.Browser!.NewContextAsync(new() { BaseURL = app.BaseUri.ToString(), ViewportSize = new() { Width = 360, Height = 740 } });
            var cashier = await cashierContext.NewPageAsync();
            await cashier.GotoAsync(link);
            await Expect(cashier.Locator("main")).ToContainTextAsync("as Cashier");
            await cashier.GetByLabel("Username").FillAsync(cashierName);
            await cashier.GetByLabel("Password (at least 6 characters)").FillAsync("secret1");
            await cashier.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
            await Expect(cashier.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Request payment");
            await cashier.GetByLabel("Customer's phone").FillAsync(phone);
            await cashier.GetByLabel("Amount (KES)").FillAsync("250");
            await cashier.GetByRole(AriaRole.Button, new() { Name = "Send payment request" }).ClickAsync();
            await Expect(cashier.Locator("#payment")).ToContainTextAsync("Paid", new() { Timeout = 20_000 });
            await Expect(cashier.Locator(".receipt")).ToContainTextAsync("M-Pesa receipt");
            var viewport = await cashier.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(viewport[0] <= viewport[1], $"The counter scrolls sideways on a phone: {viewport[0]} > {viewport[1]}");
            await cashierContext.CloseAsync();

            var transactionId = (await owner.Api.GetAsync("transactions", ("status", "succeeded"))).AssertOk()
                .Data.GetProperty("transactions")[0].GetProperty("id").GetString()!;

            // Finance asks for the reversal on the payment's page.
            var financeContext = await page.Context.Browser!.NewContextAsync(new() { BaseURL = app.BaseUri.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
            var financePage = await financeContext.NewPageAsync();
            await new MerchantPortalPages(financePage).SignInAsync(finance.Username, finance.Password);
            await financePage.GotoAsync("/Transactions/Details/" + transactionId);
            await financePage.GetByLabel("Reason").FillAsync("Customer was charged twice");
            await financePage.GetByRole(AriaRole.Button, new() { Name = "Ask for the reversal" }).ClickAsync();
            await Expect(financePage.Locator("#reversal")).ToContainTextAsync("Waiting for a second owner or admin to approve");
            await financeContext.CloseAsync();

            // The owner approves it with a fresh code; M-Pesa's result turns the payment into a reversed one.
            await page.GotoAsync("/Transactions/Details/" + transactionId);
            await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(60)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve and send" }).ClickAsync();
            await Expect(page.Locator("div.status")).ToContainTextAsync("Reversal approved");
            for (var i = 0; i < 40 && !(await page.Locator("#reversal").InnerTextAsync()).Contains("Reversed:", StringComparison.Ordinal); i++)
            {
                await Task.Delay(250);
                await page.ReloadAsync();
            }

            await Expect(page.Locator("#reversal")).ToContainTextAsync("Reversed: the money went back to the customer");
            await Expect(page.Locator("#reversal")).ToContainTextAsync(finance.Username);
        });
    }
}
