using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The portal with push allowances small enough that twenty concurrent callers overrun them.</summary>
public class SmallAllowancesApp(DatabaseProvider provider) : PortalApp(provider)
{
    public static readonly IReadOnlyDictionary<string, string?> Limits = new Dictionary<string, string?>
    {
        ["RateLimits:StkPerMinute"] = "5",
        ["RateLimits:PayLinkPerPhonePerMinute"] = "5",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => Limits;
}

public sealed class SqliteSmallAllowancesApp() : SmallAllowancesApp(DatabaseProvider.Sqlite);

public sealed class PostgresSmallAllowancesApp() : SmallAllowancesApp(DatabaseProvider.Postgres);

/// <summary>A second instance with the same limits on the first one's PostgreSQL database.</summary>
public sealed class SecondSmallAllowancesInstance(PortalApp first) : PortalApp(DatabaseProvider.Postgres)
{
    protected override string? SharedConnectionString => first.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => SmallAllowancesApp.Limits;
}

public abstract class ConcurrentRateLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SmallAllowancesApp
{
    private const int Callers = 20;

    [Fact]
    public async Task ConcurrentPushesOfOneMerchantStartNoMoreThanItsAllowance()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();

        await RateWindow.StartWithSecondsLeftAsync(10);
        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ =>
            app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))));

        Assert.Equal(5, answers.Count(a => a.Ok));
        Assert.All(answers.Where(a => !a.Ok), a => a.AssertError(HttpStatusCode.TooManyRequests, "rate_limited"));
        Assert.Equal(5, await app.WithDbAsync(db => db.Transactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId))));
    }

    [Fact]
    public async Task ConcurrentPayLinkCallsToOnePhoneAskDarajaNoMoreThanThePhonesAllowance()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Flood"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var phone = TestPhones.Random();

        // Other amounts each time, so only the limit (not the duplicate-payment rule) can stop them.
        await RateWindow.StartWithSecondsLeftAsync(10);
        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => app.NewApi().PostAsync("pay_from_link",
            ("uid", merchant.PublicId), ("lid", lid), ("phone", phone), ("amount", $"{10 + i}"))));

        Assert.Equal(Callers - 5, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        var msisdn = "254" + phone[1..];
        Assert.Equal(5, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.Phone == msisdn)));
    }
}

public sealed class SqliteConcurrentRateLimitTests(SqliteSmallAllowancesApp app) : ConcurrentRateLimitTests<SqliteSmallAllowancesApp>(app);

public sealed class PostgresConcurrentRateLimitTests(PostgresSmallAllowancesApp app) : ConcurrentRateLimitTests<PostgresSmallAllowancesApp>(app);

public sealed class SharedRateLimitTests(PostgresSmallAllowancesApp app) : IClassFixture<PostgresSmallAllowancesApp>
{
    [Fact]
    public async Task TwoInstancesOnOneDatabaseShareAMerchantsAllowance()
    {
        await using var second = new SecondSmallAllowancesInstance(app);
        await second.InitializeAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? (PortalApp)app : second).NewApi()
            .PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))));

        Assert.Equal(5, answers.Count(a => a.Ok));
        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
    }
}
