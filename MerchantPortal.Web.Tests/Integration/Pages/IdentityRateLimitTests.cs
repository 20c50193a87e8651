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
}

public sealed class SqliteIdentityRateLimitTests(SqliteSignInLimitedApp app) : IdentityRateLimitTests<SqliteSignInLimitedApp>(app);

public sealed class PostgresIdentityRateLimitTests(PostgresSignInLimitedApp app) : IdentityRateLimitTests<PostgresSignInLimitedApp>(app);
