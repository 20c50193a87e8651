using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class IdempotencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task FiftyConcurrentRetriesWithOneKeyMakeExactlyOnePushAndOneTransaction()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        var phone = TestPhones.Random();
        var idempotencyKey = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var api = app.NewApi();
            var form = new MultipartFormDataContent
            {
                { new StringContent("api_stk"), "action" }, { new StringContent(key), "api_key" },
                { new StringContent(phone), "phone" }, { new StringContent("75"), "amount" },
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = form };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await api.SendAsync(request);
        }));

        Assert.All(answers, a => a.AssertOk());
        var ids = answers.Select(a => a.Data.GetProperty("transaction_id").GetString()).Distinct().ToList();
        Assert.Single(ids);
        var msisdn = "254" + phone[1..];
        var rows = await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.Phone == msisdn));
        Assert.Equal(1, rows);
        Assert.Equal(1, app.Simulator.Sessions.Count(s => s.PhoneNumber == msisdn));
    }

    [Fact]
    public async Task TheSameKeyWithOtherParametersIsAConflictAndTheFieldWorksLikeTheHeader()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();

        var first = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "order-42"))).AssertOk();
        var again = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "order-42"))).AssertOk();
        Assert.Equal(first.Data.GetProperty("transaction_id").GetString(), again.Data.GetProperty("transaction_id").GetString());

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "11"), ("idempotency_key", "order-42")))
            .AssertError(HttpStatusCode.Conflict, "idempotency_key_reused");
        var other = await TestMerchant.RegisterAsync(app);
        await other.AddAccountAsync();
        (await other.Api.PostAsync("api_stk", ("phone", phone), ("amount", "11"), ("idempotency_key", "order-42"))).AssertOk();
    }

    [Fact]
    public async Task ARefusedFirstAnswerIsReplayedToo()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("idempotency_key", "k1")))
            .AssertError(HttpStatusCode.Conflict, "no_payment_account");
        var phone = TestPhones.Random();
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "k2"))).AssertOk();
    }

    [Fact]
    public async Task ACustomerRetryingAPayLinkWithOneKeyIsChargedOnce()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Once"), ("amount", "30"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var phone = TestPhones.Random();

        var answers = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", phone), ("amount", "30"), ("idempotency_key", "tap-1")))
                .AssertOk().Data.GetProperty("transaction_id").GetString());
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(1, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }
}

public sealed class SqliteIdempotencyTests(SqliteApp app) : IdempotencyTests<SqliteApp>(app);

public sealed class PostgresIdempotencyTests(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
