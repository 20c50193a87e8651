using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class RouterTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task UnknownOrMissingActionsAnswer404InTheEnvelope()
    {
        (await app.NewApi().PostAsync("no_such_action")).AssertError(HttpStatusCode.NotFound, "unknown_action");
        (await app.NewApi().PostFormAsync(("user", "x"))).AssertError(HttpStatusCode.NotFound, "unknown_action");
    }

    [Fact]
    public async Task StateChangingActionsRefuseGet()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.GetAsync("create_link", ("title", "Via GET"))).AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        (await merchant.Api.GetAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task JsonAndUrlEncodedBodiesWorkLikeMultipart()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var api = app.NewApi();

        (await api.PostJsonAsync($$"""{"action":"login","user":"{{merchant.Username}}","password":"{{merchant.Password}}"}""")).AssertOk();
        var account = (await api.PostJsonAsync("""{"type":"paybill","number":123456,"accountReference":null}""", "?action=save_payment_account")).AssertOk();
        Assert.Equal("#00001", account.Data.GetProperty("payment_id").GetString());
        (await api.PostFormAsync(("action", "create_link"), ("title", "Form"), ("amount", "100"), ("min", ""), ("max", ""), ("logo", ""))).AssertOk();
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestNotACrash()
    {
        (await app.NewApi().PostJsonAsync("{\"action\": \"login\", ")).AssertError(HttpStatusCode.BadRequest, "invalid_body");
        (await app.NewApi().PostJsonAsync("[1,2]")).AssertError(HttpStatusCode.BadRequest, "invalid_body");
    }

    [Fact]
    public async Task HealthzAnswers200WhenTheDatabaseIsReachable()
    {
        using var http = app.NewClient();
        using var response = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheAppRunsOnTheConfiguredProviderWithNoPendingModelChanges()
    {
        var (isPostgres, pending) = await app.WithDbAsync(db => Task.FromResult((db.Database.IsNpgsql(), db.Database.HasPendingModelChanges())));
        Assert.Equal(app.Provider == DatabaseProvider.Postgres, isPostgres);
        Assert.False(pending, "The model has changes without a migration for this provider.");
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class SqliteRouterTests(SqliteApp app) : RouterTests<SqliteApp>(app);

public sealed class PostgresRouterTests(PostgresApp app) : RouterTests<PostgresApp>(app);

/// <summary>A portal with tight limits, to see the 429 envelope.</summary>
public sealed class TightLimitsApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:FailedLoginsPerMinute"] = "3",
        ["RateLimits:PayLinkPerPhonePerMinute"] = "2",
    };
}

public sealed class RateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task FailedSignInsBeyondTheLimitGet429ButMistypedFormsDoNotCount()
    {
        var api = app.NewApi();
        await RateWindow.StartWithSecondsLeftAsync(15);
        for (var i = 0; i < 5; i++)
        {
            (await api.PostAsync("login", ("user", "someone"))).AssertError(HttpStatusCode.BadRequest, "invalid_password");
        }

        for (var i = 0; i < 3; i++)
        {
            (await api.PostAsync("login", ("user", "someone"), ("password", "wrong-pass"))).AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var limited = (await api.PostAsync("login", ("user", "someone"), ("password", "wrong-pass"))).AssertError(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
    }

    [Fact]
    public async Task PushesToOnePhoneThroughPayLinksBeyondTheLimitGet429()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Limit"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var phone = TestPhones.Random();
        var api = app.NewApi();
        await RateWindow.StartWithSecondsLeftAsync(15);
        for (var i = 0; i < 2; i++)
        {
            (await api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", phone), ("amount", $"{10 + i}"))).AssertOk();
        }

        (await api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", phone), ("amount", "20")))
            .AssertError(HttpStatusCode.TooManyRequests, "rate_limited");
        (await api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
    }
}
