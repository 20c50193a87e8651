using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Idempotency;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task AnotherSpellingOfTheSamePhoneUnderOneKeyIsTheSameRequest()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();

        var first = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "order-7"))).AssertOk();
        var again = (await merchant.Api.PostAsync("api_stk", ("phone", "+254 " + phone[1..]), ("amount", "10"), ("idempotency_key", "order-7"))).AssertOk();

        Assert.Equal(first.Data.GetProperty("transaction_id").GetString(), again.Data.GetProperty("transaction_id").GetString());
    }

    [Fact]
    public async Task APayLinkIdTooLongForTheKeysScopeIsRefusedForWhatItIsNotAsAKeyInUse()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var answer = await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", "link_" + new string('x', 200)),
            ("phone", TestPhones.Random()), ("amount", "10"), ("idempotency_key", "long-lid"));

        Assert.InRange((int)answer.Status, 400, 499);
        Assert.NotEqual("idempotency_in_progress", answer.Body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARequestRefusedBeforeThePushLeavesItsKeyFreeForTheCorrectedRequest()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var phone = TestPhones.Random();
        var key = "order-" + Guid.NewGuid().ToString("N");

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "0"), ("idempotency_key", key)))
            .AssertError(HttpStatusCode.BadRequest, "invalid_amount");
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", key)))
            .AssertError(HttpStatusCode.Conflict, "no_payment_account");
        (await app.NewApi().PostAsync("api_stk", ("api_key", "sk_" + new string('x', 40)), ("phone", phone), ("amount", "10"), ("idempotency_key", key)))
            .AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key)));

        await merchant.AddAccountAsync();
        var pushed = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", key))).AssertOk();
        var replayed = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", key))).AssertOk();

        Assert.Equal(pushed.Data.GetProperty("transaction_id").GetString(), replayed.Data.GetProperty("transaction_id").GetString());
        Assert.Equal(1, app.Simulator.Sessions.Count(s => s.PhoneNumber == "254" + phone[1..]));
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "11"), ("idempotency_key", key)))
            .AssertError(HttpStatusCode.Conflict, "idempotency_key_reused");
    }

    [Fact]
    public async Task AnExpiredMerchantsRefusalDoesNotKeepTheKey()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, DateTimeOffset.UtcNow.AddDays(-30))));

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("idempotency_key", "expired-1")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");

        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == "expired-1")));
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

    [Fact]
    public async Task AKeyWhoseFirstRequestWasAbandonedIsAnsweredWithThePaymentItStartedOrRunsAgainWhenItStartedNone()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        var first = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "44"), ("idempotency_key", "died-after-insert")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(first);
        // As if its instance was killed before answering: the claim marked started, no answer, long past the longest push.
        await AbandonAsync("died-after-insert", IdempotencyRecord.Started);

        var retried = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "44"), ("idempotency_key", "died-after-insert"))).AssertOk();
        Assert.Equal(first, retried.Data.GetProperty("transaction_id").GetString());
        Assert.Equal("succeeded", retried.Data.GetProperty("status").GetString());
        var again = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "44"), ("idempotency_key", "died-after-insert"))).AssertOk();
        Assert.Equal(retried.Text, again.Text);

        // Killed before the payment's insert: nothing was started under the claim, so the retry pushes for real.
        var second = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "45"), ("idempotency_key", "died-before-insert")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(second);
        await app.WithDbAsync(db => db.AllTransactions.Where(t => t.PublicId == second)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.IdempotencyRecordId, (long?)null)));
        await AbandonAsync("died-before-insert", 0);
        var rerun = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "45"), ("idempotency_key", "died-before-insert")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.NotEqual(second, rerun);
        var msisdn = "254" + phone[1..];
        Assert.Equal(3, await app.WithDbAsync(db => db.AllTransactions.CountAsync(t => t.Phone == msisdn)));
    }

    [Fact]
    public async Task ARequestWhoseClaimARetryTookOverRecordsAndPushesNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        await using var scope = app.Services.CreateAsyncScope();
        // The claim this slow request held was judged abandoned and removed by a retry before its insert.
        scope.ServiceProvider.GetRequiredService<CurrentIdempotencyClaim>().Id = long.MaxValue;
        var merchantId = await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync());

        var result = await scope.ServiceProvider.GetRequiredService<PaymentService>().StartStkAsync(
            merchantId, new StkPushRequest(phone, "47", null, null, null, null), TestContext.Current.CancellationToken);

        Assert.Equal("idempotency_in_progress", result.Error?.Code);
        var msisdn = "254" + phone[1..];
        Assert.Equal(0, await app.WithDbAsync(db => db.AllTransactions.CountAsync(t => t.Phone == msisdn)));
        Assert.DoesNotContain(app.Simulator.Sessions, s => s.PhoneNumber == msisdn);
    }

    private Task<int> AbandonAsync(string key, int status) => app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
        .ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ResponseStatus, status)
            .SetProperty(r => r.ResponseBody, (string?)null)
            .SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-10))));
}

/// <summary>A simulator that knows only its own short codes: any other paybill is refused by "Daraja" at once.</summary>
public class KnownShortCodesApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:ShortCodes:0"] = "600111",
    };
}

public sealed class SqliteKnownShortCodesApp() : KnownShortCodesApp(DatabaseProvider.Sqlite);

public sealed class PostgresKnownShortCodesApp() : KnownShortCodesApp(DatabaseProvider.Postgres);

public abstract class DarajaRefusalIdempotencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KnownShortCodesApp
{
    [Fact]
    public async Task DarajasRefusalIsKeptUnderItsKeyAndReplayedWithoutAnotherPush()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var phone = TestPhones.Random();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "25"), ("idempotency_key", "refused-1")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");
        var again = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "25"), ("idempotency_key", "refused-1")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");

        Assert.Equal(refused.Text, again.Text);
        var msisdn = "254" + phone[1..];
        Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.Phone == msisdn)));
    }
}

public sealed class SqliteDarajaRefusalIdempotencyTests(SqliteKnownShortCodesApp app) : DarajaRefusalIdempotencyTests<SqliteKnownShortCodesApp>(app);

public sealed class PostgresDarajaRefusalIdempotencyTests(PostgresKnownShortCodesApp app) : DarajaRefusalIdempotencyTests<PostgresKnownShortCodesApp>(app);

public sealed class SqliteIdempotencyTests(SqliteApp app) : IdempotencyTests<SqliteApp>(app);

public sealed class PostgresIdempotencyTests(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
