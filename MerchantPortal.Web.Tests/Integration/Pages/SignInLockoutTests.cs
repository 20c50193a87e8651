using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// The portal behind a trusted proxy (so a test picks its client address with X-Forwarded-For), with a per-account
/// cap small enough to reach, and a password hasher that notes which passwords it checked.
/// </summary>
public class LockoutApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const int AccountCap = 8;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["App:TrustedProxies:0"] = "127.0.0.1",
        ["RateLimits:FailedSignInsPerAccount"] = AccountCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<IPasswordHasher<Merchant>, CountingPasswordHasher>();

    /// <summary>A client whose requests come, as far as the portal can tell, from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var http = NewClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    public static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}

public sealed class SqliteLockoutApp() : LockoutApp(DatabaseProvider.Sqlite);

public sealed class PostgresLockoutApp() : LockoutApp(DatabaseProvider.Postgres);

/// <summary>Identity's hasher, counting the passwords it was asked to verify (tests use passwords of their own).</summary>
public sealed class CountingPasswordHasher : PasswordHasher<Merchant>
{
    public static ConcurrentDictionary<string, int> Verified { get; } = new();

    public override PasswordVerificationResult VerifyHashedPassword(Merchant user, string hashedPassword, string providedPassword)
    {
        Verified.AddOrUpdate(providedPassword, 1, (_, count) => count + 1);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public abstract class SignInLockoutTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : LockoutApp
{
    [Fact]
    public async Task WrongPasswordsFromOneAddressDoNotLockTheOwnerOutFromAnother()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var attacker = new ApiClient(app.ClientFrom(LockoutApp.NewAddress()));

        for (var i = 0; i < 5; i++)
        {
            (await attacker.PostAsync("login", ("user", merchant.Username), ("password", "wrong-one"))).AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        (await attacker.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertError(HttpStatusCode.Forbidden, "account_locked");
        var owner = new ApiClient(app.ClientFrom(LockoutApp.NewAddress()));
        (await owner.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
    }

    [Fact]
    public async Task ConcurrentWrongPasswordsFromOneAddressGetAtMostFiveTries()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var address = LockoutApp.NewAddress();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            new ApiClient(app.ClientFrom(address)).PostAsync("login", ("user", merchant.Username), ("password", "wrong-one"))));

        Assert.Equal(5, answers.Count(a => a.Code == "invalid_credentials"));
        Assert.All(answers.Where(a => a.Code != "invalid_credentials"), a => a.AssertError(HttpStatusCode.Forbidden, "account_locked"));
        (await new ApiClient(app.ClientFrom(address)).PostAsync("login", ("user", merchant.Username), ("password", merchant.Password)))
            .AssertError(HttpStatusCode.Forbidden, "account_locked");
    }

    [Fact]
    public async Task GuessesSpreadOverManyAddressesStillLockTheAccount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        for (var i = 0; i < LockoutApp.AccountCap; i++)
        {
            // The guess that reaches the cap is answered as locked already.
            var guess = await new ApiClient(app.ClientFrom(LockoutApp.NewAddress())).PostAsync("login", ("user", merchant.Username), ("password", "wrong-one"));
            Assert.Equal(i < LockoutApp.AccountCap - 1 ? "invalid_credentials" : "account_locked", guess.Code);
        }

        (await new ApiClient(app.ClientFrom(LockoutApp.NewAddress())).PostAsync("login", ("user", merchant.Username), ("password", merchant.Password)))
            .AssertError(HttpStatusCode.Forbidden, "account_locked");
    }

    [Fact]
    public async Task ASignInWithAnUnknownNameChecksThePasswordLikeOneWithAnAccount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var unknownPassword = "unknown-" + Guid.NewGuid().ToString("N");
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var api = new ApiClient(app.ClientFrom(LockoutApp.NewAddress()));

        (await api.PostAsync("login", ("user", "nobody" + Guid.NewGuid().ToString("N")[..8]), ("password", unknownPassword)))
            .AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.PostAsync("login", ("user", merchant.Username), ("password", wrongPassword)))
            .AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal(1, CountingPasswordHasher.Verified.GetValueOrDefault(wrongPassword));
        Assert.Equal(1, CountingPasswordHasher.Verified.GetValueOrDefault(unknownPassword));
    }

    [Fact]
    public async Task WrongRecoveryCodesCountTowardsTheLockoutLikeWrongAuthenticatorCodes()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await TurnOnTwoFactorAsync(merchant);

        // One address: five wrong recovery codes, then even a right password is refused there.
        using (var single = app.ClientFrom(LockoutApp.NewAddress()))
        {
            for (var i = 0; i < 5; i++)
            {
                await PasswordStepAsync(single, merchant, expectSecondStep: true);
                using var wrong = await FormPage.PostAsync(single, "/Identity/Account/LoginWithRecoveryCode", ("Code", "wrong-code"));
                Assert.Contains("That recovery code is not right", await wrong.Content.ReadAsStringAsync());
            }

            Assert.Contains("Too many failed sign-ins", await PasswordStepAsync(single, merchant, expectSecondStep: false));
            Assert.Equal(5, await FailedCountAsync(merchant));
        }

        // Spread over addresses: Identity's per-account cap locks the account everywhere.
        for (var i = 5; i < LockoutApp.AccountCap; i++)
        {
            using var http = app.ClientFrom(LockoutApp.NewAddress());
            await PasswordStepAsync(http, merchant, expectSecondStep: true);
            (await FormPage.PostAsync(http, "/Identity/Account/LoginWithRecoveryCode", ("Code", "wrong-code"))).Dispose();
        }

        using var elsewhere = app.ClientFrom(LockoutApp.NewAddress());
        Assert.Contains("Too many failed sign-ins", await PasswordStepAsync(elsewhere, merchant, expectSecondStep: false));
    }

    [Fact]
    public async Task WrongAuthenticatorCodesLockOnlyTheAddressTheyCameFrom()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await TurnOnTwoFactorAsync(merchant);

        using (var guesser = app.ClientFrom(LockoutApp.NewAddress()))
        {
            for (var i = 0; i < 5; i++)
            {
                await PasswordStepAsync(guesser, merchant, expectSecondStep: true);
                using var wrong = await FormPage.PostAsync(guesser, "/Identity/Account/LoginWith2fa", ("Code", WrongCode(key)));
                Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
            }

            Assert.Contains("Too many failed sign-ins", await PasswordStepAsync(guesser, merchant, expectSecondStep: false));
        }

        using var owner = app.ClientFrom(LockoutApp.NewAddress());
        await PasswordStepAsync(owner, merchant, expectSecondStep: true);
    }

    private Task<int> FailedCountAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.AccessFailedCount).SingleAsync());

    /// <summary>A six-digit code outside the window Identity accepts (two steps either side of now).</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(s => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => (123456 + i * 1111).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !valid.Contains(c));
    }

    private static async Task<string> TurnOnTwoFactorAsync(TestMerchant merchant)
    {
        var http = merchant.Api.Http;
        var setup = await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = Regex.Match(setup, "secret=([A-Z2-7]+)").Groups[1].Value;
        using var enabled = await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        return key;
    }

    /// <summary>Posts the password; answers the page shown when the second step is not reached.</summary>
    private static async Task<string> PasswordStepAsync(HttpClient http, TestMerchant merchant, bool expectSecondStep)
    {
        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", merchant.Username), ("Password", merchant.Password));
        Assert.Equal(expectSecondStep ? HttpStatusCode.Redirect : HttpStatusCode.OK, posted.StatusCode);
        return expectSecondStep ? "" : await posted.Content.ReadAsStringAsync();
    }
}

public sealed class SqliteSignInLockoutTests(SqliteLockoutApp app) : SignInLockoutTests<SqliteLockoutApp>(app);

public sealed class PostgresSignInLockoutTests(PostgresLockoutApp app) : SignInLockoutTests<PostgresLockoutApp>(app);
