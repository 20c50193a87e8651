using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The portal with a merchant push allowance low enough to reach in a test.</summary>
public class PushLimitedApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:StkPerMinute"] = "2",
    };
}

public sealed class SqlitePushLimitedApp() : PushLimitedApp(DatabaseProvider.Sqlite);

public sealed class PostgresPushLimitedApp() : PushLimitedApp(DatabaseProvider.Postgres);

public abstract class PushRateLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PushLimitedApp
{
    [Fact]
    public async Task ApiStkAndRenewalsShareOneAllowancePerMerchantAndOnlyStartedPushesCount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();

        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", "not-a-phone"), ("amount", "10")))
            .AssertError(HttpStatusCode.BadRequest, "invalid_phone");
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random()))).AssertOk();

        using var http = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/index.php")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["action"] = "api_stk", ["api_key"] = key, ["phone"] = TestPhones.Random(), ["amount"] = "10",
            }),
        };
        using var limited = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random())))
            .AssertError(HttpStatusCode.TooManyRequests, "rate_limited");

        // A refusal before any push does not keep its idempotency key: the same key works once the minute is over.
        var idempotencyKey = "limited-" + Guid.NewGuid().ToString("N");
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"), ("idempotency_key", idempotencyKey)))
            .AssertError(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == idempotencyKey)));

        // Another merchant's allowance is its own.
        var other = await TestMerchant.RegisterAsync(app);
        await other.AddAccountAsync();
        (await other.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
    }
}

public sealed class SqlitePushRateLimitTests(SqlitePushLimitedApp app) : PushRateLimitTests<SqlitePushLimitedApp>(app);

public sealed class PostgresPushRateLimitTests(PostgresPushLimitedApp app) : PushRateLimitTests<PostgresPushLimitedApp>(app);
