using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Statements;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Statements;

/// <summary>Statement import end to end: matching by receipt, tenant isolation, adding a missed payment, and the Reconcile pages over real HTTP.</summary>
public abstract partial class StatementImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Header = "Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.";
    private static readonly DateTimeOffset Day = new(2026, 11, 3, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachKindOfDifferenceIsFoundAndMatchingLinesAreCounted()
    {
        var (merchantId, paymentId, accountId) = await MerchantAsync();
        var r = Receipts(6);
        await SeedAsync(merchantId, accountId, (r[0], 100, Day.AddHours(1)), (r[1], 200, Day.AddHours(2)), (r[2], 300, Day.AddHours(3)),
            (r[4], 500, Day.AddHours(2)), (r[5], 600, Day.AddDays(5)));
        var csv = Csv(Line(r[0], 1, 100), Line(r[1], 2, 250), Line(r[3], 3, 400), Withdrawal(Receipt(), 4, 50), Line(r[2], 4, 300, status: "Failed"));

        var summary = await ImportAsync(merchantId, paymentId, csv);

        Assert.Equal((5, 3, 1), (summary.Lines, summary.PaymentsIn, summary.Matched));
        Assert.Equal((Day.AddHours(1), Day.AddHours(4)), (summary.PeriodStart, summary.PeriodEnd));
        var expected = new (string Kind, string Receipt, decimal? Paid, long? Portal)[]
        {
            ("amount_differs", r[1], 250m, 200), ("not_in_portal", r[3], 400m, null), ("not_in_statement", r[2], null, 300), ("not_in_statement", r[4], null, 500),
        };
        var found = (await ExceptionsAsync(summary.Id)).Select(e => (e.Kind, e.Receipt, e.StatementAmount, e.PortalAmount));
        Assert.Equal(Sorted(expected), Sorted(found));
    }

    [Fact]
    public async Task AnotherMerchantsReceiptIsNeverMatchedShownOrAdded()
    {
        var (mine, paymentId, _) = await MerchantAsync();
        var (theirs, _, theirAccount) = await MerchantAsync();
        var receipt = Receipt();
        var theirPayment = (await SeedAsync(theirs, theirAccount, (receipt, 700, Day.AddHours(1))))[0];

        var summary = await ImportAsync(mine, paymentId, Csv(Line(receipt, 1, 700)));
        var added = await AddAsync(mine, summary.Id, null);

        Assert.Equal(0, summary.Matched);
        var line = Assert.Single(await ExceptionsAsync(summary.Id));
        Assert.Equal(("not_in_portal", (long?)null, (long?)null), (line.Kind, line.PortalAmount, line.TransactionId));
        Assert.Equal(new AddedPayments(0, 0, 1, 0), added);
        Assert.Equal(theirs, await app.WithDbAsync(db => db.Transactions.Where(t => t.Receipt == receipt).Select(t => t.MerchantId).SingleAsync()));
        Assert.Equal(theirPayment, await app.WithDbAsync(db => db.Transactions.Where(t => t.Receipt == receipt).Select(t => t.Id).SingleAsync()));
    }

    [Fact]
    public async Task AMissingPaymentIsAddedOnceAsAnImportedMenuPaymentHoweverOftenItIsAdded()
    {
        var (merchantId, paymentId, _) = await MerchantAsync();
        var receipt = Receipt();
        var summary = await ImportAsync(merchantId, paymentId, Csv(Line(receipt, 1, 450, party: "2547****126 - JANE W DOE", account: "tea50")));
        var lineId = (await ExceptionsAsync(summary.Id)).Single().Id;

        var first = await AddAsync(merchantId, summary.Id, lineId);
        var again = await AddAsync(merchantId, summary.Id, lineId);
        var all = await AddAsync(merchantId, summary.Id, null);
        var reimported = await ImportAsync(merchantId, paymentId, Csv(Line(receipt, 1, 450)));

        Assert.Equal((1, 0), (first.Added, first.AlreadyRecorded));
        Assert.Equal((0, 1), (again.Added, again.AlreadyRecorded));
        Assert.Equal(0, all.Added);
        var payment = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.Receipt == receipt));
        Assert.Equal((merchantId, "succeeded", "c2b", "statement", 450L, "2547****126", "JANE W DOE", "tea50"),
            (payment.MerchantId, payment.Status, payment.Channel, payment.Source, payment.Amount, payment.Phone, payment.PayerName, payment.BillRef));
        Assert.Equal(Day.AddHours(1), payment.CreatedAt);
        Assert.Equal((1, 0), (reimported.Matched, reimported.Exceptions.Count));
        var dayTotal = await app.WithDbAsync(async db => (await db.PaymentDayTotals.Where(d => d.MerchantId == merchantId && d.Status == "succeeded")
            .ToListAsync()).Aggregate((Count: 0, Amount: 0L), (sum, d) => (sum.Count + d.Count, sum.Amount + d.Amount)));
        Assert.Equal((1, 450L), dayTotal);
    }

    [Fact]
    public async Task TheUploadFormImportsAStatementAndShowsItsDifferencesByKind()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync();
        var receipt = Receipt();

        using var posted = await UploadAsync(merchant, paymentId, Encoding.UTF8.GetBytes(Csv(Line(receipt, 1, 120))), "statement.csv");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await merchant.Api.Http.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains(receipt, page, StringComparison.Ordinal);
        Assert.Contains("data-count=\"not_in_portal\">1<", page, StringComparison.Ordinal);
        Assert.Contains("statement.csv", await merchant.Api.Http.GetStringAsync("/Statements"), StringComparison.Ordinal);

        var importPath = posted.Headers.Location!.OriginalString;
        using var addAll = await PageForms.PostAsync(merchant.Api.Http, importPath, "handler=AddAll");
        Assert.Equal(HttpStatusCode.Redirect, addAll.StatusCode);
        var added = await app.WithDbAsync(db => db.Transactions.Where(t => t.Receipt == receipt).Select(t => new { t.PublicId, t.Source }).SingleAsync());
        Assert.Equal("statement", added.Source);
        Assert.Matches($"{receipt} <span class=\"badge badge-muted\">imported</span>", await merchant.Api.Http.GetStringAsync("/Transactions"));
        var details = await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{added.PublicId}");
        Assert.Contains("Imported from an M-Pesa statement", details, StringComparison.Ordinal);
        // Paid from the menu: no push was created, so its timeline has no "created" step.
        Assert.DoesNotContain("STK push to be sent", details, StringComparison.Ordinal);

        var stranger = await TestMerchant.RegisterAsync(app);
        using var foreign = await stranger.Api.Http.GetAsync(importPath);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData("Line 5: “31-02-2026 10:00:00” in “Completion Time” is not a date")]
    [InlineData("The file is 51 MB; a statement may be at most 50 MB")]
    public async Task ABadFileIsShownBesideTheFileFieldAndImportsNothing(string message)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync();
        var bytes = message.StartsWith("Line", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(Csv(Line(Receipt(), 1, 10)) + $"{Receipt()},31-02-2026 10:00:00,,x,Completed,10,,,,,,,\n")
            : new byte[(51 * 1024 * 1024) + 1];

        using var posted = await UploadAsync(merchant, paymentId, bytes, "bad.csv");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Matches($"data-valmsg-for=\"Statement\"[^>]*>{Regex.Escape(message)}", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));
        var merchantId = await MerchantIdAsync(merchant.PublicId);
        Assert.False(await app.WithDbAsync(db => db.StatementImports.AnyAsync(i => i.MerchantId == merchantId)));
    }

    [Fact]
    public async Task AHundredThousandLineStatementImportsWithTheRightCounts()
    {
        var (merchantId, paymentId, accountId) = await MerchantAsync();
        var known = Receipts(50);
        await SeedAsync(merchantId, accountId, [.. known.Select((r, i) => (r, 10L + i, Day.AddMinutes(i + 1)))]);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 100_000; i++)
        {
            var receipt = i < known.Length ? known[i] : "UL" + i.ToString("D8", CultureInfo.InvariantCulture);
            csv.Append(i % 2 == 0 || i < known.Length ? Line(receipt, i + 1, 10 + i, minutes: true) : Withdrawal(receipt, i + 1, 5, minutes: true));
        }

        var summary = await ImportAsync(merchantId, paymentId, csv.ToString());

        Assert.Equal((100_000, 50_025, 50), (summary.Lines, summary.PaymentsIn, summary.Matched));
        Assert.Equal(49_975, summary.ExceptionCount(StatementExceptionKinds.NotInPortal));
        Assert.Equal(0, summary.ExceptionCount(StatementExceptionKinds.NotInStatement) + summary.ExceptionCount(StatementExceptionKinds.AmountDiffers));
    }

    private static List<(string, string, decimal?, long?)> Sorted(IEnumerable<(string Kind, string Receipt, decimal? Paid, long? Portal)> rows) =>
        [.. rows.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Receipt, StringComparer.Ordinal)];

    private static string Csv(params string[] lines) => "Statement of account\nShort Code:,600123\n" + Header + "\n" + string.Concat(lines);

    private static string Line(string receipt, int at, decimal paidIn, string status = "Completed", string party = "254712345678 - JANE DOE",
        string account = "A1", bool minutes = false) =>
        $"{receipt},{Time(at, minutes)},{Time(at, minutes)},Pay Bill Online,{status},\"{paidIn.ToString("N2", CultureInfo.InvariantCulture)}\",,\"1,000.00\",true,Pay Bill,{party},,{account}\n";

    private static string Withdrawal(string receipt, int at, decimal amount, bool minutes = false) =>
        $"{receipt},{Time(at, minutes)},{Time(at, minutes)},Business Pay Bill Charge,Completed,,-{amount.ToString("0.00", CultureInfo.InvariantCulture)},,true,Fee,,,\n";

    private static string Time(int at, bool minutes) =>
        Nairobi.ToLocal(minutes ? Day.AddMinutes(at) : Day.AddHours(at)).ToString("dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Receipt() => "UT" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string[] Receipts(int count) => [.. Enumerable.Range(0, count).Select(_ => Receipt())];

    private async Task<(string MerchantId, string PaymentId, long AccountId)> MerchantAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync();
        var merchantId = await MerchantIdAsync(merchant.PublicId);
        var accountId = await app.WithDbAsync(db => db.PaymentAccounts.Where(a => a.MerchantId == merchantId).Select(a => a.Id).SingleAsync());
        return (merchantId, paymentId, accountId);
    }

    private Task<string> MerchantIdAsync(string publicId) => app.WithDbAsync(db => db.Users.Where(u => u.PublicId == publicId).Select(u => u.Id).SingleAsync());

    /// <summary>Succeeded payments with receipts, written straight to the table; their ids in order.</summary>
    private Task<List<long>> SeedAsync(string merchantId, long accountId, params (string Receipt, long Amount, DateTimeOffset At)[] payments) =>
        app.WithDbAsync(async db =>
        {
            var account = await db.PaymentAccounts.SingleAsync(a => a.Id == accountId);
            var rows = payments.Select(p => new PaymentTransaction
            {
                MerchantId = merchantId, PublicId = Ids.NewTransactionId(), PaymentAccountId = accountId, PaymentId = account.PaymentId,
                Amount = p.Amount, Phone = "254712345678", Status = TransactionStatuses.Succeeded, Receipt = p.Receipt,
                CallbackToken = Ids.NewCallbackToken(), StatusToken = Ids.NewCallbackToken(), BusinessShortCode = account.Number,
                AccountReference = "Seed", CreatedAt = p.At.AddSeconds(-30), CompletedAt = p.At,
            }).ToList();
            db.AllTransactions.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

    private async Task<StatementImportSummary> ImportAsync(string merchantId, string paymentId, string csv)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var imported = await scope.ServiceProvider.GetRequiredService<StatementImportService>()
            .ImportAsync(merchantId, new StatementUpload(paymentId, "s.csv", content.Length, content), CancellationToken.None);
        Assert.True(imported.Succeeded, imported.Error?.Message);
        var summary = await scope.ServiceProvider.GetRequiredService<StatementReviewService>().GetAsync(merchantId, imported.Value, CancellationToken.None);
        return summary.Value!;
    }

    private async Task<AddedPayments> AddAsync(string merchantId, string importId, long? line)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<StatementResolutionService>().AddMissingAsync(merchantId, importId, line, CancellationToken.None);
        return added.Value!;
    }

    private Task<List<StatementException>> ExceptionsAsync(string importId) =>
        app.WithDbAsync(db => db.StatementExceptions.AsNoTracking()
            .Where(e => db.StatementImports.Any(i => i.Id == e.ImportId && i.PublicId == importId)).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The upload form as a browser posts it: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(TestMerchant merchant, string paymentId, byte[] bytes, string fileName)
    {
        var page = await merchant.Api.Http.GetStringAsync("/Statements");
        var token = Token().Match(page);
        Assert.True(token.Success, "The page has no antiforgery token.");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(paymentId), "PaymentId" },
            { file, "Statement", fileName },
        };
        return await merchant.Api.Http.PostAsync("/Statements", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteStatementImportTests(SqliteApp app) : StatementImportTests<SqliteApp>(app);

public sealed class PostgresStatementImportTests(PostgresApp app) : StatementImportTests<PostgresApp>(app);
