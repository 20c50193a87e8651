using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class TransactionsPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TransactionsCanBeFilteredAndExportedAsCsv()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await merchant.AddAccountAsync("till");
        var paid = await PayAsync(merchant, TestPhones.Random(), "300", "#00002");
        var cancelled = await PayAsync(merchant, "0708000001", "40", "#00001");

        var byStatus = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Status=cancelled");
        Assert.Contains(cancelled, byStatus);
        Assert.DoesNotContain(paid, byStatus);
        var byAccount = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.PaymentId=%2300002");
        Assert.Contains(paid, byAccount);
        Assert.DoesNotContain(cancelled, byAccount);
        var receipt = (await merchant.Api.GetAsync("transaction", ("transaction_id", paid))).AssertOk().Data.GetProperty("transaction").GetProperty("receipt").GetString()!;
        Assert.Contains(paid, await merchant.Api.Http.GetStringAsync($"/Transactions?Filter.Search={receipt}"));

        using var csv = await merchant.Api.Http.GetAsync("/Transactions?handler=Csv&Filter.Status=succeeded");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Date (Nairobi),Transaction ID,Status,Amount (KES)", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains($",{paid},Paid,300,", row);
        Assert.Contains(receipt, row);
    }

    [Fact]
    public async Task ABadFilterIsShownOnTheFormNotAServerError()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var response = await merchant.Api.Http.GetAsync("/Transactions?Filter.From=yesterday&Filter.Phone=123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("From must be a date", page);
    }

    [Fact]
    public async Task PagesGoBackInTimeWithACursor()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            await PayAsync(merchant, TestPhones.Random(), "10", null);
        }

        var cursor = (await merchant.Api.GetAsync("transactions", ("limit", "2"))).AssertOk().Data.GetProperty("next_cursor").GetString()!;
        var older = await merchant.Api.Http.GetStringAsync($"/Transactions?Cursor={cursor}");
        Assert.Contains("Newest", older);
    }

    [Fact]
    public async Task AMerchantNeverSeesAnothersTransactionsThroughPagesOrExport()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync();
        var id = await PayAsync(owner, TestPhones.Random(), "77", null);

        using var details = await other.Api.Http.GetAsync($"/Transactions/Details/{id}");
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.DoesNotContain(id, await other.Api.Http.GetStringAsync("/Transactions"));
        Assert.DoesNotContain(id, await other.Api.Http.GetStringAsync("/Transactions?handler=Csv"));
        Assert.DoesNotContain(id, await other.Api.Http.GetStringAsync("/Dashboard"));
        Assert.Contains("KES 77", await owner.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
    }

    [Theory]
    [InlineData("0708000006", "already final: nothing changed")]
    [InlineData("0708000005", "STK query: result 0")]
    public async Task TheDetailPageShowsTheWholeTimeline(string phone, string expected)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = await PayAsync(merchant, phone, "15", null);
        await Task.Delay(500);

        var page = System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));

        Assert.Contains("Payment of KES 15 created", page);
        Assert.Contains("M-Pesa accepted the push", page);
        Assert.Contains(expected, page);
        if (phone == "0708000006")
        {
            Assert.Contains("Callback: result 0", page);
        }

        // Every exchange is kept raw, and the password we signed with never is.
        var raw = await app.WithDbAsync(db => db.TransactionEvents.AsNoTracking()
            .Where(e => e.Transaction!.PublicId == id && e.Payload != null).Select(e => e.Payload!).ToListAsync());
        Assert.Contains(raw, p => p.Contains("\"BusinessShortCode\"", StringComparison.Ordinal) && p.Contains("CheckoutRequestID", StringComparison.Ordinal));
        Assert.DoesNotContain(raw, p => p.Contains("Password", StringComparison.Ordinal));
        Assert.Contains("Raw exchange", page);
    }

    [Fact]
    public async Task TheCreatedStepComesFromTheRowFirstAndAnOldStoredOneIsNotShownTwice()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = await PayAsync(merchant, TestPhones.Random(), "16", null);
        // The insert is one statement: nothing is stored for the step.
        var row = await app.WithDbAsync(async db => new
        {
            Transaction = await db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id),
            StoredCreated = await db.TransactionEvents.CountAsync(e => e.Transaction!.PublicId == id && e.Kind == "created"),
        });
        Assert.Equal(0, row.StoredCreated);
        var created = $"Payment of KES 16 created; STK push to be sent to {row.Transaction.BusinessShortCode}.";
        var page = System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Single(Regex.Matches(page, Regex.Escape(created)));
        Assert.True(page.IndexOf(created, StringComparison.Ordinal) < page.IndexOf("M-Pesa accepted the push", StringComparison.Ordinal));

        // A payment made before the step was read from the row has it stored as well.
        await app.WithDbAsync(async db =>
        {
            db.TransactionEvents.Add(new Web.Data.Entities.TransactionEvent
            {
                TransactionId = row.Transaction.Id, MerchantId = row.Transaction.MerchantId, At = row.Transaction.CreatedAt, Kind = "created", Summary = created,
            });
            return await db.SaveChangesAsync();
        });
        page = System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Single(Regex.Matches(page, Regex.Escape(created)));
    }

    [Fact]
    public async Task CsvCellsThatLookLikeFormulasAreDefused()
    {
        Assert.Equal("'=HYPERLINK(\"x\")".Replace("\"", "\"\"", StringComparison.Ordinal), Web.Features.Transactions.TransactionExportService.Cell("=HYPERLINK(\"x\")").Trim('"'));
        Assert.Equal("\"a,b\"", Web.Features.Transactions.TransactionExportService.Cell("a,b"));
        Assert.Equal("-5", Web.Features.Transactions.TransactionExportService.Cell("-5"));
        await Task.CompletedTask;
    }

    private static async Task<string> PayAsync(TestMerchant merchant, string phone, string amount, string? paymentId)
    {
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount), ("payment_id", paymentId)))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        return id;
    }
}

public sealed class SqliteTransactionsPageTests(SqliteApp app) : TransactionsPageTests<SqliteApp>(app);

public sealed class PostgresTransactionsPageTests(PostgresApp app) : TransactionsPageTests<PostgresApp>(app);
