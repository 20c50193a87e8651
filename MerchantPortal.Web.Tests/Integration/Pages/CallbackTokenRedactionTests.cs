using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class CallbackTokenRedactionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheDarajaCallbackTokenIsInNoRawExchangePageJsonOrExport()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "21"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var (rowId, _, token) = await RowAsync(id);
        var stored = await app.WithDbAsync(db => db.TransactionEvents.Where(e => e.TransactionId == rowId).Select(e => e.Payload ?? "").ToListAsync());

        var page = await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}", TestContext.Current.CancellationToken);
        var json = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Text;
        var csv = await merchant.Api.Http.GetStringAsync("/Transactions?handler=Csv", TestContext.Current.CancellationToken);

        Assert.Contains("/hooks/stk/[redacted]", page);
        Assert.All(new[] { page, json, csv }.Concat(stored), text => Assert.DoesNotContain(token, text));
    }

    [Fact]
    public async Task ATokenStoredBeforeRedactionIsHiddenWhenShown()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "22"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        var (rowId, merchantId, token) = await RowAsync(id);

        // A raw push request as older versions stored it, with the token in CallBackURL.
        await app.WithDbAsync(db =>
        {
            db.TransactionEvents.Add(new TransactionEvent
            {
                TransactionId = rowId,
                MerchantId = merchantId,
                At = DateTimeOffset.UtcNow,
                Kind = TransactionEventKinds.Pushed,
                Summary = "M-Pesa accepted the push.",
                Payload = $$$"""{"request":{"CallBackURL":"http://127.0.0.1:5080/hooks/stk/{{{token}}}"},"response":{"status":200}}""",
            });
            return db.SaveChangesAsync();
        });

        var page = await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}", TestContext.Current.CancellationToken);

        Assert.Contains("/hooks/stk/[redacted]", page);
        Assert.DoesNotContain(token, page);
    }

    private async Task<(long Id, string MerchantId, string Token)> RowAsync(string transactionId)
    {
        var row = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == transactionId)
            .Select(t => new { t.Id, t.MerchantId, t.CallbackToken }).SingleAsync());
        return (row.Id, row.MerchantId, row.CallbackToken);
    }
}

public sealed class SqliteCallbackTokenRedactionTests(SqliteApp app) : CallbackTokenRedactionTests<SqliteApp>(app);

public sealed class PostgresCallbackTokenRedactionTests(PostgresApp app) : CallbackTokenRedactionTests<PostgresApp>(app);
