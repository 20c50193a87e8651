using Microsoft.Playwright;
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
            await Expect(pay.FieldError.First).ToContainTextAsync("from KES 100 to KES 5,000");

            await pay.PayWithAsync("0712 345 678", "1500");
            await Expect(pay.Heading).ToHaveTextAsync("Payment received");
            await Expect(pay.Card).ToContainTextAsync("KES 1,500");
            await Expect(pay.Card).ToContainTextAsync("M-Pesa receipt");
        });
    }

    [Fact]
    public async Task ACustomerWhoCancelsIsToldSoAndCanPayFromAnotherNumber()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Taxi"), ("amount", "300"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        await browser.RunAsync(app.BaseUri, nameof(ACustomerWhoCancelsIsToldSoAndCanPayFromAnotherNumber), async page =>
        {
            var pay = new PayPage(page);
            await pay.OpenAsync($"/pay/{lid}");
            await pay.PayWithAsync("0708000001");
            await Expect(pay.Heading).ToHaveTextAsync("You cancelled the payment");
            await Expect(pay.Card).ToContainTextAsync("No money was taken");

            await pay.UseAnotherNumberAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Taxi");
        });
    }

    [Fact]
    public async Task ACustomerPaysInSwahiliOnTheirPhoneAndOpensTheReceipt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"));
        await merchant.AddAccountAsync("paybill", "123456", "SHOP");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Sukuma bundle"), ("min", "50")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;

        await browser.RunAsync(app.BaseUri, nameof(ACustomerPaysInSwahiliOnTheirPhoneAndOpensTheReceipt), async page =>
        {
            var pay = new PayPage(page);
            await pay.OpenAsync($"/pay/{lid}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sw");
            await Expect(page.Locator("body")).ToContainTextAsync("Paybill 123456 · Nambari ya akaunti SUKUMA");
            Assert.True(await pay.FitsTheScreenAsync());

            await page.GetByLabel("Kiasi (KES)").FillAsync("1500");
            await page.GetByLabel("Nambari ya simu ya M-Pesa").FillAsync("0712 345 678");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lipa na M-Pesa" }).ClickAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Malipo yamepokelewa");
            await Expect(pay.Card).ToContainTextAsync("Umelipa KES 1,500 kwa Mama Mboga Greens.");

            await page.GetByRole(AriaRole.Link, new() { Name = "Tazama, shiriki au chapisha risiti yako" }).ClickAsync();
            await Expect(pay.Heading).ToHaveTextAsync("Risiti ya malipo");
            await Expect(page.Locator("body")).ToContainTextAsync("Imelipwa");
            await Expect(page.Locator("body")).ToContainTextAsync("Risiti ya M-Pesa");
            await Expect(page.Locator("body")).ToContainTextAsync("Sukuma bundle");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Chapisha" })).ToBeVisibleAsync();
            Assert.True(await pay.FitsTheScreenAsync());
        }, locale: "sw-KE");
    }

    [Theory]
    [InlineData("a4", 595, 842)]
    [InlineData("a5", 420, 595)]
    public async Task ThePosterPrintsWholeOnOneSheetOfTheChosenPaper(string size, int width, int height)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens and Fresh Vegetables of Kawangware"));
        await merchant.AddAccountAsync("paybill", "123456", "SHOP");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Sukuma wiki bundle " + new string('x', 100)), ("min", "50"), ("max", "250000")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;

        await browser.RunAsync(app.BaseUri, nameof(ThePosterPrintsWholeOnOneSheetOfTheChosenPaper) + size, async page =>
        {
            await page.GotoAsync($"/pay/{lid}/poster?size={size}");
            var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));

            Assert.Single(System.Text.RegularExpressions.Regex.Matches(pdf, @"/Type\s*/Page[^s]"));
            var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox\s*\[0 0 ([0-9.]+) ([0-9.]+)\]");
            Assert.Equal(width, (int)Math.Round(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(height, (int)Math.Round(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }
}
