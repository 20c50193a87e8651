using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>The Transactions page's columns, filters and totals, and the dashboard's list, as a merchant reads them.</summary>
public abstract partial class TransactionFilterPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ApiStksDescriptionIsStoredAndShownBesideTheReference()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var id = await PayAsync(merchant, "INV-Alpha1", "Sukuma Wiki");

        var stored = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == id).Select(t => t.Description).SingleAsync());
        Assert.Equal("Sukuma Wiki", stored);
        var row = Row(await merchant.Api.Http.GetStringAsync("/Transactions"), id);
        Assert.Contains("data-label=\"Reference\">INV-Alpha1<", row);
        Assert.Contains("data-label=\"Description\">Sukuma Wiki<", row);
        Assert.Contains("<dt>Description</dt><dd>Sukuma Wiki</dd>", await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id));
    }

    [Fact]
    public async Task ReferenceAndDescriptionFiltersMatchAnyPartOfTheTextIgnoringCase()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var alpha = await PayAsync(merchant, "INV-Alpha1", "Sukuma Wiki");
        var beta = await PayAsync(merchant, "INV-Beta2", "Mandazi 50%");

        var byReference = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Reference=aLPHa");
        var byDescription = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Description=WIKI");
        var byWildcard = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Description=%25");
        var csv = await merchant.Api.Http.GetStringAsync("/Transactions?handler=Csv&Filter.Description=ndaz");

        Assert.Contains(alpha, byReference);
        Assert.DoesNotContain(beta, byReference);
        Assert.Contains(alpha, byDescription);
        Assert.DoesNotContain(beta, byDescription);
        // A % is a character to look for, not a wildcard: only the description that has one.
        Assert.Contains(beta, byWildcard);
        Assert.DoesNotContain(alpha, byWildcard);
        Assert.Contains(beta, csv);
        Assert.DoesNotContain(alpha, csv);
    }

    [Fact]
    public async Task TotalsCountEveryFilteredTransactionAndAddUpOnlyThePaidOnesNotJustThePageShown()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await SeedAsync(merchant, 55, TransactionStatuses.Succeeded, 10, "BULK");
        await SeedAsync(merchant, 3, TransactionStatuses.Failed, 1000, "BULK");
        await SeedAsync(merchant, 2, TransactionStatuses.Succeeded, 7000, "OTHER");

        var bulk = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Reference=bulk");
        var failed = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Reference=bulk&Filter.Status=failed");
        var all = await merchant.Api.Http.GetStringAsync("/Transactions");

        Assert.Equal(50, Regex.Matches(bulk, "<tr>").Count - 1);
        Assert.Equal("58 transactions · KES 550 paid", Totals(bulk));
        Assert.Equal("3 transactions · KES 0 paid", Totals(failed));
        Assert.Equal("60 transactions · KES 14,550 paid", Totals(all));
    }

    [Fact]
    public async Task AccountAndLinkFiltersAreListsOfTheMerchantsOwnAccountsAndLinks()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600111");
        await merchant.AddAccountAsync("till", "700222");
        var lid = await CreateLinkAsync(merchant, "Chapati & chai");
        var fromLink = await PayLinkAsync(merchant, lid);
        var direct = await PayAsync(merchant, "DIRECT", null);

        var page = await merchant.Api.Http.GetStringAsync("/Transactions");
        var byLink = await merchant.Api.Http.GetStringAsync($"/Transactions?Filter.LinkId={lid}");

        Assert.Contains("<option value=\"#00001\">#00001 · Paybill 600111</option>", WebUtility.HtmlDecode(page));
        Assert.Contains("<option value=\"#00002\">#00002 · Till 700222</option>", WebUtility.HtmlDecode(page));
        Assert.Contains($"<option value=\"{lid}\">Chapati &amp; chai</option>", page);
        Assert.Matches($"<option(?=[^>]*selected=\"selected\")[^>]*value=\"{lid}\"", byLink);
        Assert.Contains(fromLink, byLink);
        Assert.DoesNotContain(direct, byLink);
        Assert.Contains("data-label=\"Link\">Chapati &amp; chai<", Row(byLink, fromLink));
    }

    [Fact]
    public async Task AnotherMerchantsAccountOrLinkInTheQueryStringShowsNothingOfTheirs()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync();
        await owner.AddAccountAsync("till");
        var lid = await CreateLinkAsync(owner, "Owner's secret bundle");
        var paid = await PayLinkAsync(owner, lid);
        var other = await TestMerchant.RegisterAsync(app);
        await other.AddAccountAsync();

        var byLink = WebUtility.HtmlDecode(await other.Api.Http.GetStringAsync($"/Transactions?Filter.LinkId={lid}"));
        var byAccount = WebUtility.HtmlDecode(await other.Api.Http.GetStringAsync("/Transactions?Filter.PaymentId=%2300002"));
        var csv = await other.Api.Http.GetStringAsync($"/Transactions?handler=Csv&Filter.LinkId={lid}");

        foreach (var page in new[] { byLink, byAccount })
        {
            Assert.DoesNotContain(paid, page);
            Assert.DoesNotContain("Owner's secret bundle", page);
            Assert.DoesNotContain("txn-totals", page);
        }

        Assert.Matches("data-valmsg-for=\"Filter.LinkId\"[^>]*>Choose one of your payment links", byLink);
        Assert.Matches("data-valmsg-for=\"Filter.PaymentId\"[^>]*>Choose one of your payment accounts", byAccount);
        Assert.DoesNotContain(paid, csv);
        Assert.DoesNotContain("Owner's secret bundle", csv);
    }

    [Fact]
    public async Task FromAfterToIsAnErrorBesideFromInsteadOfAnEmptyList()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await PayAsync(merchant, "ANY", null);

        var page = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.From=2026-03-10&Filter.To=2026-03-01");
        using var csv = await merchant.Api.Http.GetAsync("/Transactions?handler=Csv&Filter.From=2026-03-10&Filter.To=2026-03-01");

        Assert.Matches("data-valmsg-for=\"Filter.From\"[^>]*>From is after To", page);
        Assert.DoesNotContain("No transactions match", page);
        Assert.DoesNotContain("<table", page);
        Assert.Equal("text/html", csv.Content.Headers.ContentType!.MediaType);
        Assert.Matches("data-valmsg-for=\"Filter.From\"[^>]*>From is after To", await csv.Content.ReadAsStringAsync());
        Assert.DoesNotContain("From is after To", await merchant.Api.Http.GetStringAsync("/Transactions?Filter.From=2026-03-01&Filter.To=2026-03-01"));
        // The API's list reads filters the same way, so it refuses the range too.
        (await merchant.Api.GetAsync("transactions", ("from", "2026-03-10"), ("to", "2026-03-01"))).AssertError(HttpStatusCode.BadRequest, "invalid_from");
    }

    [Theory]
    [InlineData("Filter.To", "9999-12-31", "to")]
    [InlineData("Filter.From", "0001-01-01", "from")]
    [InlineData("Filter.From", "1999-12-31", "from")]
    public async Task ADayAtTheEdgeOfTheCalendarIsAnErrorBesideItsFieldNotAServerError(string field, string day, string name)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var page = await merchant.Api.Http.GetAsync($"/Transactions?{field}={day}");
        using var csv = await merchant.Api.Http.GetAsync($"/Transactions?handler=Csv&{field}={day}");
        using var logs = await merchant.Api.Http.GetAsync($"/Logs?{name}={day}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches($"(?i)data-valmsg-for=\"{field}\"[^>]*>{name} must be a date like", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/html", csv.Content.Headers.ContentType!.MediaType);
        Assert.True(logs.StatusCode < HttpStatusCode.InternalServerError, $"/Logs answered {logs.StatusCode}");
        (await merchant.Api.GetAsync("transactions", (name, day))).AssertError(HttpStatusCode.BadRequest, $"invalid_{name}");
        (await merchant.Api.GetAsync("request_logs", (name, day))).AssertError(HttpStatusCode.BadRequest, $"invalid_{name}");
    }

    [Fact]
    public async Task TheCsvHasThePagesColumnsAndKeepsPhonesAndReceiptsAsText()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await CreateLinkAsync(merchant, "Mandazi, box");
        var phone = TestPhones.Random();
        var fromLink = await PayLinkAsync(merchant, lid, phone);
        var direct = await PayAsync(merchant, "INV-7", "=HYPERLINK(1)");
        var receipt = (await merchant.Api.GetAsync("transaction", ("transaction_id", fromLink))).AssertOk()
            .Data.GetProperty("transaction").GetProperty("receipt").GetString()!;

        var lines = (await merchant.Api.Http.GetStringAsync("/Transactions?handler=Csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Date (Nairobi),Transaction ID,Status,Amount (KES),Phone,Payment account,Payment link,Link title,Reference,Description,"
            + "M-Pesa receipt,Result code,Result description,Completed (Nairobi),Checkout request ID,Channel,Bill ref,Payer name", lines[0]);
        var linkRow = Assert.Single(lines, l => l.Contains(fromLink, StringComparison.Ordinal));
        Assert.Contains($",{fromLink},Paid,150,\"=\"\"{phone}\"\"\",#00001,{lid},\"Mandazi, box\",", linkRow);
        Assert.Contains($",\"=\"\"{receipt}\"\"\",", linkRow);
        var directRow = Assert.Single(lines, l => l.Contains(direct, StringComparison.Ordinal));
        // Text from outside is still defused: a description that looks like a formula starts with an apostrophe.
        Assert.Contains(",INV-7,'=HYPERLINK(1),", directRow);
    }

    [Fact]
    public async Task TheDashboardsLatestListShowsSpacedPhonesAndLeavesTheTestBadgeToTheDetailsPage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await CreateLinkAsync(merchant, "Mandazi");
        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/Dashboard", "handler=TestPayment");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var test = posted.Headers.Location!.OriginalString["/Transactions/Details/".Length..];
        await merchant.WaitForFinalAsync(test);

        var dashboard = await merchant.Api.Http.GetStringAsync("/Dashboard");
        var list = await merchant.Api.Http.GetStringAsync("/Transactions");

        Assert.Contains("data-label=\"Phone\">0708 000 000<", Row(dashboard, test));
        Assert.Contains("data-label=\"Phone\">0708 000 000<", Row(list, test));
        Assert.DoesNotContain("Test number", dashboard);
        Assert.DoesNotContain("Test number", list);
        Assert.Contains("Test number", await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + test));
    }

    private static async Task<string> PayAsync(TestMerchant merchant, string reference, string? description)
    {
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "20"), ("reference", reference), ("description", description)))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        return id;
    }

    private async Task<string> PayLinkAsync(TestMerchant merchant, string lid, string? phone = null)
    {
        var id = (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", phone ?? TestPhones.Random())))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        return id;
    }

    private static async Task<string> CreateLinkAsync(TestMerchant merchant, string title) =>
        (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", "150"))).AssertOk().Data.GetProperty("link_id").GetString()!;

    /// <summary>
    /// Finished payments written straight to the database: enough rows to need a second page, quickly. Each is added to
    /// its day's totals as the state machine's move would add it.
    /// </summary>
    private Task<int> SeedAsync(TestMerchant merchant, int count, string status, long amount, string reference) =>
        app.WithDbAsync(async db =>
        {
            var merchantId = await db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync();
            var account = await db.PaymentAccounts.Where(a => a.MerchantId == merchantId).OrderBy(a => a.Sequence).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                db.AllTransactions.Add(new PaymentTransaction
                {
                    MerchantId = merchantId,
                    PublicId = "txn_seed" + Guid.NewGuid().ToString("N")[..20],
                    PaymentAccountId = account.Id,
                    PaymentId = account.PaymentId,
                    Amount = amount,
                    Phone = "254712345678",
                    Status = status,
                    CallbackToken = Guid.NewGuid().ToString("N"),
                    StatusToken = Guid.NewGuid().ToString("N"),
                    BusinessShortCode = account.Number,
                    AccountReference = reference,
                    CreatedAt = DateTimeOffset.UtcNow,
                    CompletedAt = DateTimeOffset.UtcNow,
                });
            }

            var saved = await db.SaveChangesAsync();
            foreach (var row in db.ChangeTracker.Entries<PaymentTransaction>().Select(e => e.Entity))
            {
                await new PaymentDayTotals(db).MoveAsync(row.Id, merchantId, row.Livemode, row.CreatedAt, row.Amount, TransactionStatuses.Pending, row.Status, CancellationToken.None);
            }

            return saved;
        });

    /// <summary>The totals line as a person reads it.</summary>
    private static string Totals(string page) =>
        Spaces().Replace(TagPattern().Replace(WebUtility.HtmlDecode(TotalsPattern().Match(page).Groups[1].Value), ""), " ").Trim();

    /// <summary>The table row that links to <paramref name="id"/>.</summary>
    private static string Row(string page, string id)
    {
        var at = page.IndexOf($"/Transactions/Details/{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No row for {id}.");
        var start = page.LastIndexOf("<tr>", at, StringComparison.Ordinal);
        return page[start..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<p class=\"txn-totals\"[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex TotalsPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}

public sealed class SqliteTransactionFilterPageTests(SqliteApp app) : TransactionFilterPageTests<SqliteApp>(app);

public sealed class PostgresTransactionFilterPageTests(PostgresApp app) : TransactionFilterPageTests<PostgresApp>(app);
