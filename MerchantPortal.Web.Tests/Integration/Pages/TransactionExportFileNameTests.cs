using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>The CSV's file name says when it was made, in the Nairobi time the merchant lives in (the app's clock).</summary>
public abstract class TransactionExportFileNameTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedApp
{
    [Fact]
    public async Task TheCsvIsNamedByTheNairobiDateAndMinuteOfTheAppsClock()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        // 21:30 UTC is 00:30 the next day in Nairobi: the name must carry Nairobi's date, not the server's.
        var now = app.Now;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, 21, 30, 0, TimeSpan.Zero);
        at = at > now ? at : at.AddDays(1);
        app.Clock.SetUtcNow(at);

        using var csv = await merchant.Api.Http.GetAsync("/Transactions?handler=Csv", TestContext.Current.CancellationToken);

        var expected = $"transactions-{at.AddDays(1):yyyy-MM-dd}-0030.csv";
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(expected, csv.Content.Headers.ContentDisposition.FileName?.Trim('"'));
    }
}

public sealed class SqliteTransactionExportFileNameTests(SqliteClockedApp app) : TransactionExportFileNameTests<SqliteClockedApp>(app);

public sealed class PostgresTransactionExportFileNameTests(PostgresClockedApp app) : TransactionExportFileNameTests<PostgresClockedApp>(app);
