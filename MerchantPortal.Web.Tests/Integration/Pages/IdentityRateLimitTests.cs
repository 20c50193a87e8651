using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>The portal with the sign-in limits the README describes, low enough to reach in a test.</summary>
public class SignInLimitedApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:FailedLoginsPerMinute"] = "3",
        ["RateLimits:RegistrationsPerMinute"] = "1",
        ["App:TrustedProxies:0"] = "127.0.0.1",
    };
}

public sealed class SqliteSignInLimitedApp() : SignInLimitedApp(DatabaseProvider.Sqlite);

public sealed class PostgresSignInLimitedApp() : SignInLimitedApp(DatabaseProvider.Postgres);

public abstract class IdentityRateLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SignInLimitedApp
{
    [Fact]
    public async Task FailedSignInsAndNewAccountsAreLimitedPerAddressAndTheFormSaysSo()
    {
        using var http = app.NewClient();
        await RateWindow.StartWithSecondsLeftAsync(15);
        for (var i = 0; i < 3; i++)
        {
            (await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", "nobody"), ("Password", "wrong-one"))).Dispose();
        }

        using var login = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", "nobody"), ("Password", "wrong-one"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Too many attempts from this address", await login.Content.ReadAsStringAsync());

        using var anonymous = app.NewClient();
        using var first = await FormPage.PostAsync(anonymous, "/Identity/Account/Register",
            ("Username", "limited" + Guid.NewGuid().ToString("N")[..8]), ("Email", $"l{Guid.NewGuid():N}@example.com"), ("Password", "secret1"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var again = app.NewClient();
        using var second = await FormPage.PostAsync(again, "/Identity/Account/Register",
            ("Username", "limited" + Guid.NewGuid().ToString("N")[..8]), ("Email", $"l{Guid.NewGuid():N}@example.com"), ("Password", "secret1"));
        Assert.Contains("Too many attempts from this address", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARegistrationRefusedForATakenUsernameCountsTowardsTheAddresssLimit()
    {
        var taken = "taken" + Guid.NewGuid().ToString("N")[..8];
        await RateWindow.StartWithSecondsLeftAsync(15);
        using var owner = ClientFrom(NewAddress());
        (await new ApiClient(owner).PostAsync("register", ("username", taken), ("email", taken + "@example.com"), ("password", "secret1"))).AssertOk();

        using var prober = ClientFrom(NewAddress());
        (await new ApiClient(prober).PostAsync("register", ("username", taken), ("email", $"p{Guid.NewGuid():N}@example.com"), ("password", "secret1")))
            .AssertError(HttpStatusCode.Conflict, "username_taken");

        var fresh = "fresh" + Guid.NewGuid().ToString("N")[..8];
        (await new ApiClient(prober).PostAsync("register", ("username", fresh), ("email", fresh + "@example.com"), ("password", "secret1")))
            .AssertError(HttpStatusCode.TooManyRequests, "rate_limited");
    }

    private HttpClient ClientFrom(string address)
    {
        var http = app.NewClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}

public sealed class SqliteIdentityRateLimitTests(SqliteSignInLimitedApp app) : IdentityRateLimitTests<SqliteSignInLimitedApp>(app);

public sealed class PostgresIdentityRateLimitTests(PostgresSignInLimitedApp app) : IdentityRateLimitTests<PostgresSignInLimitedApp>(app);
