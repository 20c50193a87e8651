using System.Net;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

public abstract class TillMatchingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ATillPayPageOffersTheMenuAndATillPaymentFromThatPhoneSoonAfterPaysTheLink()
    {
        var (merchant, lid) = await TillLinkAsync("Chai", "150");
        using var http = app.NewClient();

        var page = Text(await http.GetStringAsync($"/pay/{lid}"));
        using var posted = await PageForms.PostAsync(http, $"/pay/{lid}", "handler=Menu", ("Phone", "0712 345 126"));
        var recorded = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        var paid = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126");

        Assert.Contains("Pay from the M-Pesa menu instead: Buy Goods, Till 5123456, KES 150", page);
        // Two forms on one page: each field has its own name, so a screen reader (and a test) can tell them apart.
        var labels = System.Text.RegularExpressions.Regex.Matches(WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/{lid}")), "<label for=\"[^\"]+\">([^<]+)</label>")
            .Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Contains("Phone you will pay from", labels);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Now pay from your M-Pesa menu: Buy Goods, Till 5123456, KES 150, from 0712 345 126", recorded);
        Assert.Equal(lid, paid.LinkPublicId);
        Assert.Equal(paid.Id, await app.WithDbAsync(db => db.MenuPaymentIntents.Select(i => i.TransactionId).Where(t => t == paid.Id).SingleAsync()));
    }

    [Fact]
    public async Task APaymentOutsideTheWindowFromAnotherPhoneOrOfAnotherAmountStaysUnmatched()
    {
        var (merchant, lid) = await TillLinkAsync("Chai", "150");
        await AnnounceAsync(lid, "0712345126");

        var before = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126", paidAt: DateTimeOffset.UtcNow.AddMinutes(-2));
        var late = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126", paidAt: DateTimeOffset.UtcNow.AddMinutes(16));
        var otherPhone = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345127");
        var otherAmount = await C2BPayments.AddAsync(app, merchant, 151, phone: "254712345126");
        var inside = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126", paidAt: DateTimeOffset.UtcNow.AddMinutes(14));
        var again = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126");

        Assert.Null(before.LinkPublicId);
        Assert.Null(late.LinkPublicId);
        Assert.Null(otherPhone.LinkPublicId);
        Assert.Null(otherAmount.LinkPublicId);
        Assert.Equal(lid, inside.LinkPublicId);
        // One intent pays one payment.
        Assert.Null(again.LinkPublicId);
    }

    [Fact]
    public async Task TheOldestOpenIntentWins()
    {
        var (merchant, first) = await TillLinkAsync("Chai", "150");
        var second = (await merchant.Api.PostAsync("create_link", ("title", "Kahawa"), ("amount", "150"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        await AnnounceAsync(first, "0712345126");
        await AnnounceAsync(second, "0712345126");

        var one = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126");
        var two = await C2BPayments.AddAsync(app, merchant, 150, phone: "254712345126");

        Assert.Equal(first, one.LinkPublicId);
        Assert.Equal(second, two.LinkPublicId);
    }

    [Fact]
    public async Task AMaskedPhoneMatchesOnlyWhenOneOpenIntentFitsItsVisibleDigits()
    {
        var (merchant, lid) = await TillLinkAsync("Chai", "150");
        await AnnounceAsync(lid, "0712345126");
        var alone = await C2BPayments.AddAsync(app, merchant, 150, phone: "2547****126");
        await AnnounceAsync(lid, "0712345126");
        await AnnounceAsync(lid, "0799999126");
        var ambiguous = await C2BPayments.AddAsync(app, merchant, 150, phone: "2547 ***** 126");
        var exact = await C2BPayments.AddAsync(app, merchant, 150, phone: Ids.Sha256Hex("254799999126"));
        var strangeHash = await C2BPayments.AddAsync(app, merchant, 150, phone: Ids.Sha256Hex("0712345126"));

        Assert.Equal(lid, alone.LinkPublicId);
        Assert.Null(ambiguous.LinkPublicId);
        Assert.Equal(lid, exact.LinkPublicId);
        Assert.Null(strangeHash.LinkPublicId);
    }

    [Fact]
    public async Task APaybillPayPageSaysWhichAccountNumberToTypeAndRecordsNoIntent()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        var html = await http.GetStringAsync($"/pay/{lid}");
        var page = Text(html);

        Assert.Contains("Pay from the M-Pesa menu instead: Pay Bill 123456, Account TEA50, KES 50", page);
        Assert.DoesNotContain("handler=Menu", html);
    }

    /// <summary>What a person reads: the page's text without its tags.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));

    private async Task<(TestMerchant Merchant, string Lid)> TillLinkAsync(string title, string amount)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", "5123456");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", amount))).AssertOk().Data.GetProperty("link_id").GetString()!;
        return (merchant, lid);
    }

    private async Task AnnounceAsync(string lid, string phone)
    {
        using var http = app.NewClient();
        using var posted = await PageForms.PostAsync(http, $"/pay/{lid}", "handler=Menu", ("Phone", phone));
        Assert.Contains("Now pay from your M-Pesa menu", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));
    }
}

public sealed class SqliteTillMatchingTests(SqliteApp app) : TillMatchingTests<SqliteApp>(app);

public sealed class PostgresTillMatchingTests(PostgresApp app) : TillMatchingTests<PostgresApp>(app);
