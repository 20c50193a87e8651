using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>axe-core on every state of the customer's pages, on a phone (the form also on a laptop).</summary>
[Trait("Category", "Browser")]
public sealed class CustomerPagesAccessibilityJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThePayPageItsWaitEveryOutcomeAndTheReceiptHaveNoSeriousOrCriticalAxeViolations()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"));
        await merchant.AddAccountAsync("paybill", "123456", "SHOP");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Sukuma bundle"), ("min", "50"), ("max", "5000")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;
        var findings = new List<string>();

        await browser.RunAsync(app.BaseUri, "axe-pay-pages", async page =>
        {
            // axe's script comes with the package: the page asks nothing of any host but the portal.
            var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Context.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(app.BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
                {
                    elsewhere.Enqueue(request.Url);
                }
            };
            var pay = new PayPage(page);
            foreach (var (width, height) in PageChecks.Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                await pay.OpenAsync($"/pay/{lid}");
                findings.AddRange(await PageChecks.AxeAsync(page, $"pay form at {width}"));
            }

            await page.SetViewportSizeAsync(390, 844);
            await pay.PayWithAsync("07", "5");
            await Expect(page.Locator(".field-error:not(:empty)").First).ToBeVisibleAsync();
            findings.AddRange(await PageChecks.AxeAsync(page, "pay form with errors"));

            foreach (var (phone, outcome) in new[]
            {
                (SimulatorPhones.Cancelled, "You cancelled the payment"), (SimulatorPhones.InsufficientFunds, "Your M-Pesa balance was not enough"),
                (SimulatorPhones.WrongPin, "The PIN was wrong"), (SimulatorPhones.Timeout, "The prompt expired"), (TestPhones.Random(), "Payment received"),
            })
            {
                await pay.OpenAsync($"/pay/{lid}");
                await pay.PayWithAsync(phone, "150");
                await Expect(pay.Heading).ToHaveTextAsync(outcome);
                findings.AddRange(await PageChecks.AxeAsync(page, outcome));
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "View, share or print your receipt" }).ClickAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Payment receipt");
            findings.AddRange(await PageChecks.AxeAsync(page, "receipt"));

            // Waiting: a payment held pending (no callback, and the reconciler kept away), then past its minute.
            await pay.OpenAsync($"/pay/{lid}");
            await pay.PayWithAsync(SimulatorPhones.NoCallback, "160");
            await page.WaitForURLAsync("**/pay/status/**");
            await HoldPendingAsync(lid, TimeSpan.FromSeconds(5));
            await page.ReloadAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Check your phone");
            findings.AddRange(await PageChecks.AxeAsync(page, "waiting"));
            await BackdateAsync(lid, TimeSpan.FromMinutes(2));
            await page.ReloadAsync();
            await Expect(pay.Heading).ToHaveTextAsync("We're still waiting for M-Pesa; this page will update.");
            findings.AddRange(await PageChecks.AxeAsync(page, "still waiting"));
            Assert.Empty(elsewhere);
        });

        PageChecks.AssertNone(findings, "Serious or critical axe violations on the customer's pages");
    }

    private static readonly string NoCallbackMsisdn = "254" + SimulatorPhones.NoCallback[1..];

    /// <summary>Once the reconciler has settled the payment, puts it back to pending with no check due.</summary>
    private async Task HoldPendingAsync(string lid, TimeSpan age)
    {
        for (var i = 0; i < 100 && !await app.WithDbAsync(db => db.Transactions.AnyAsync(t =>
            t.LinkPublicId == lid && t.Phone == NoCallbackMsisdn && t.Status != TransactionStatuses.Pending)); i++)
        {
            await Task.Delay(100);
        }

        await app.WithDbAsync(db => db.Transactions.Where(t => t.LinkPublicId == lid && t.Phone == NoCallbackMsisdn)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TransactionStatuses.Pending).SetProperty(t => t.CompletedAt, (DateTimeOffset?)null)));
        await BackdateAsync(lid, age);
    }

    private Task BackdateAsync(string lid, TimeSpan age) => app.WithDbAsync(db => db.Transactions
        .Where(t => t.LinkPublicId == lid && t.Phone == NoCallbackMsisdn)
        .ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow - age).SetProperty(t => t.NextCheckAt, DateTimeOffset.UtcNow.AddHours(1))));
}
