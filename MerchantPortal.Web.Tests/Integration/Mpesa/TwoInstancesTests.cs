using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>A second portal instance on the first one's PostgreSQL database, talking to the first one's simulator.</summary>
public sealed class SecondInstanceApp(PortalApp first) : PortalApp(DatabaseProvider.Postgres)
{
    protected override string? SharedConnectionString => first.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = new Uri(first.BaseUri, "/sim/daraja/").ToString(),
    };
}

public sealed class TwoInstancesTests(PostgresApp first) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task TwoInstancesOnOneDatabaseQueryAndNotifyEachPaymentExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var second = new SecondInstanceApp(first);
        await second.InitializeAsync();
        var merchant = await TestMerchant.RegisterAsync(first);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("both")))).AssertOk();

        // 0708000005 never gets a callback: only the reconcilers' STK queries can settle these.
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", $"{100 + i}")))
                .AssertOk().Data.GetProperty("transaction_id").GetString()!);
        }

        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        }

        var queries = await first.WithDbAsync(db => db.TransactionEvents.AsNoTracking()
            .Where(e => e.Kind == TransactionEventKinds.Query && ids.Contains(e.Transaction!.PublicId))
            .GroupBy(e => e.TransactionId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(ids.Count, queries.Count);
        Assert.All(queries, count => Assert.Equal(1, count));

        for (var i = 0; i < 100 && receiver.For("both").Count < ids.Count; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1500);
        var notified = receiver.For("both").Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement
            .GetProperty("data").GetProperty("transaction").GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Order(), notified.Order());
    }

    [Fact]
    public async Task TheSameConfirmationToBothInstancesAtOnceIsRecordedOnce()
    {
        await using var second = new SecondInstanceApp(first);
        await second.InitializeAsync();
        var merchant = await TestMerchant.RegisterAsync(first);
        var token = await C2B.MenuPayments.TokenAsync(first, merchant.PublicId, await merchant.AddAccountAsync());
        var receipt = C2B.MenuPayments.NewReceipt();
        var body = C2B.MenuPayments.Body(receipt, "700.00");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => C2B.MenuPayments.ConfirmAsync(i % 2 == 0 ? first : second, token, body)));

        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
        Assert.Equal(1, await first.WithDbAsync(db => db.Transactions.CountAsync(t => t.Receipt == receipt)));
        var totals = await first.WithDbAsync(db => db.PaymentDayTotals.AsNoTracking()
            .Where(d => d.Status == TransactionStatuses.Succeeded && db.Users.Any(u => u.Id == d.MerchantId && u.PublicId == merchant.PublicId))
            .SumAsync(d => d.Amount));
        Assert.Equal(700, totals);
    }
}
