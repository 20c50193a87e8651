using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The Transactions page and the dashboard's list fit a phone (as labelled cards) and a desktop, with hostile text.</summary>
[Trait("Category", "Browser")]
public sealed class TransactionsLayoutJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task TheTransactionsPageAndTheDashboardHaveNoHorizontalOverflow(int width, int height)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var title = "<b>Nyama</b>_choma_" + new string('x', 90);
        var lid = (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", "250000"))).AssertOk()
            .Data.GetProperty("link_id").GetString()!;
        await merchant.WaitForFinalAsync(await StartAsync(app.NewApi(), "pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random())));
        await merchant.WaitForFinalAsync(await StartAsync(merchant.Api, "api_stk", ("phone", TestPhones.Random()), ("amount", "99"), ("reference", "INV-2026.042"), ("description", "<i>Sukuma</i>")));

        await browser.RunAsync(app.BaseUri, $"transactions-{width}", async page =>
        {
            await page.SetViewportSizeAsync(width, height);
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);

            await portal.OpenTransactionsAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(2);
            await Expect(page.Locator(".txn-totals")).ToContainTextAsync("2 transactions");
            await Expect(portal.TransactionRows.First).ToContainTextAsync("<i>Sukuma</i>");
            await Expect(portal.TransactionRows.Last).ToContainTextAsync(title);
            await AssertFitsAsync(page, width);
            Assert.Equal(width < 700 ? "block" : "table-row", await portal.TransactionRows.First.EvaluateAsync<string>("row => getComputedStyle(row).display"));

            await portal.OpenDashboardAsync();
            await Expect(portal.TransactionRows).ToHaveCountAsync(2);
            await AssertFitsAsync(page, width);
        });
    }

    [Fact]
    public async Task OnAPhoneEachTransactionIsACardWhoseValuesAreLabelled()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await merchant.WaitForFinalAsync(await StartAsync(merchant.Api, "api_stk", ("phone", "0712345678"), ("amount", "150"), ("reference", "INV-1"), ("description", "Sukuma")));

        await browser.RunAsync(app.BaseUri, "transactions-cards", async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            var portal = new MerchantPortalPages(page);
            await portal.SignInAsync(merchant.Username, merchant.Password);
            await portal.OpenTransactionsAsync();

            var card = portal.TransactionRows.First;
            await Expect(card).ToContainTextAsync("0712 345 678");
            // The column headings are left to screen readers; each value carries its own label.
            Assert.True(await page.Locator("table.txn-table thead").EvaluateAsync<double>("h => h.getBoundingClientRect().height") <= 1);
            foreach (var label in new[] { "Amount", "Phone", "Reference", "Description", "Receipt" })
            {
                var before = await card.Locator($"td[data-label='{label}']").EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content");
                Assert.Equal($"\"{label}: \"", before);
            }
        });
    }

    /// <summary>Nothing wider than the window: the page does not scroll sideways.</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth} px wide in a {width} px window.");
    }

    private static async Task<string> StartAsync(ApiClient api, string action, params (string, string?)[] fields) =>
        (await api.PostAsync(action, fields)).AssertOk().Data.GetProperty("transaction_id").GetString()!;
}
