using MerchantPortal.Web.Tests.Browser.PageObjects;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MerchantPortal.Web.Tests.Browser.Journeys;

/// <summary>The links list and a link's page fit a phone and a desktop, with long and hostile titles.</summary>
[Trait("Category", "Browser")]
public sealed class LinkPagesLayoutJourneys(SqliteApp app, BrowserFixture browser) : IClassFixture<SqliteApp>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task TheLinksListAndALinksPageHaveNoHorizontalOverflow(int width, int height)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var longTitle = string.Concat(Enumerable.Repeat("Sukuma wiki na ugali ", 5)).Trim();
        var lid = await CreateLinkAsync(merchant, longTitle, "1500");
        var unbroken = await CreateLinkAsync(merchant, "<b>Nyama</b>_choma_" + new string('x', 90), "250000");

        await browser.RunAsync(app.BaseUri, $"link-pages-{width}", async page =>
        {
            await page.SetViewportSizeAsync(width, height);
            await new MerchantPortalPages(page).SignInAsync(merchant.Username, merchant.Password);

            await page.GotoAsync("/PaymentLinks");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = longTitle, Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the address of “" + longTitle + "”" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "WhatsApp (“" + longTitle + "”)" })).ToBeVisibleAsync();
            await AssertFitsAsync(page, width);
            var overhang = await page.EvaluateAsync<double>(
                "() => document.querySelector('table.link-table').getBoundingClientRect().right - document.querySelector('.page-head').getBoundingClientRect().right");
            Assert.True(overhang <= 1, $"The list sticks out of the page's column by {overhang} px.");

            await page.GotoAsync($"/PaymentLinks/Details/{lid}");
            await Expect(page.GetByLabel("Pay page address")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"/pay/{lid}$"));
            await AssertFitsAsync(page, width);

            await page.GotoAsync($"/PaymentLinks/Details/{unbroken}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("<b>Nyama</b>");
            await AssertFitsAsync(page, width);

            await page.GotoAsync("/PaymentLinks/Create");
            await AssertFitsAsync(page, width);
        });
    }

    [Fact]
    public async Task OnAPhoneEachLinkIsALabelledCardAndTheCopyButtonCopiesTheShortAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = await CreateLinkAsync(merchant, "Chapati", "30");

        await browser.RunAsync(app.BaseUri, "link-cards-phone", async page =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await new MerchantPortalPages(page).SignInAsync(merchant.Username, merchant.Password);
            await page.GotoAsync("/PaymentLinks");

            var card = page.Locator("table.link-table tbody tr").First;
            Assert.Equal("block", await card.EvaluateAsync<string>("row => getComputedStyle(row).display"));
            var label = await card.Locator("td[data-label='Amount']").EvaluateAsync<string>(
                "cell => getComputedStyle(cell, '::before').content");
            Assert.Equal("\"Amount: \"", label);
            await card.GetByRole(AriaRole.Button, new() { Name = "Copy the address of “Chapati”" }).ClickAsync();
            await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
            Assert.EndsWith($"/pay/{lid}", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        });
    }

    /// <summary>Nothing wider than the window: the page does not scroll sideways.</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth} px wide in a {width} px window.");
    }

    private static async Task<string> CreateLinkAsync(TestMerchant merchant, string title, string amount) =>
        (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", amount))).AssertOk().Data.GetProperty("link_id").GetString()!;
}
