using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class IdentityTwoFactorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Login = "/Identity/Account/Login";

    [Fact]
    public async Task AnAuthenticatorAppGuardsSignInAndRecoveryCodesWorkOnce()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        var setup = await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Contains("src=\"data:image/png;base64,", setup);
        var uri = System.Net.WebUtility.HtmlDecode(Regex.Match(setup, "id=\"authenticator-uri\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("otpauth://totp/MerchantPortal%3A" + merchant.Username + "?", uri);
        Assert.Contains("issuer=MerchantPortal", uri);
        var key = Regex.Match(uri, "secret=([A-Z2-7]+)").Groups[1].Value;

        using var wrongSetup = await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", WrongCode(key)));
        Assert.Contains("That code is not right", await wrongSetup.Content.ReadAsStringAsync());
        using var enabled = await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var codes = Regex.Matches(await http.GetStringAsync(enabled.Headers.Location), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        using var shownAgain = await http.GetAsync(enabled.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, shownAgain.StatusCode);
        Assert.Contains("two-factor-state\">On", await http.GetStringAsync("/Identity/Account/Manage/TwoFactor"));
        (await FormPage.PostAsync(http, "/Identity/Account/Logout")).Dispose();

        // The JSON API keeps its answer: scripts use API keys on such accounts.
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password)))
            .AssertError(HttpStatusCode.Forbidden, "two_factor_required");

        using var browser = app.NewClient();
        var step = await PasswordStepAsync(browser, merchant);
        using var wrong = await FormPage.PostAsync(browser, step, ("Code", WrongCode(key)));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        // The next step's code: a code already used for setup is never reused.
        using var right = await FormPage.PostAsync(browser, step, ("Code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30))));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Identity/Account/Manage/TwoFactor")).StatusCode);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var other = app.NewClient();
            await PasswordStepAsync(other, merchant);
            using var recovered = await FormPage.PostAsync(other, "/Identity/Account/LoginWithRecoveryCode", ("Code", codes[0]));
            Assert.Equal(attempt == 0 ? HttpStatusCode.Redirect : HttpStatusCode.OK, recovered.StatusCode);
        }
    }

    [Fact]
    public async Task TurningTwoFactorOffLetsThePasswordAloneSignIn()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        var setup = await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = Regex.Match(setup, "secret=([A-Z2-7]+)").Groups[1].Value;
        (await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", Totp.Code(key, DateTimeOffset.UtcNow)))).Dispose();

        using var disabled = await FormPage.PostFormAsync(http, "/Identity/Account/Manage/TwoFactor", "handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("two-factor-state\">Off", await http.GetStringAsync("/Identity/Account/Manage/TwoFactor"));
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
    }

    [Fact]
    public async Task AnAuthenticatorCodeIsAcceptedOnceWhetherItTurnedTwoFactorOnOrSignedIn()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        var key = Regex.Match(await http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator"), "secret=([A-Z2-7]+)").Groups[1].Value;
        var setupCode = Totp.Code(key, DateTimeOffset.UtcNow);
        using (var enabled = await FormPage.PostAsync(http, "/Identity/Account/Manage/EnableAuthenticator", ("Code", setupCode)))
        {
            Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        }

        using var first = app.NewClient();
        var step = await PasswordStepAsync(first, merchant);
        await AssertRefusedAsync(first, step, setupCode);
        var code = TestTwoFactor.NextCode(key);
        using (var signedIn = await FormPage.PostAsync(first, step, ("Code", code)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // Within the window Identity would take the code again; a leading zero is the same number to Identity.
        using var second = app.NewClient();
        var secondStep = await PasswordStepAsync(second, merchant);
        await AssertRefusedAsync(second, secondStep, code);
        await AssertRefusedAsync(second, secondStep, "0" + code);
    }

    private static async Task AssertRefusedAsync(HttpClient http, string step, string code)
    {
        using var refused = await FormPage.PostAsync(http, step, ("Code", code));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That code is not right", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in with the password and answers the second step's page.</summary>
    private static async Task<string> PasswordStepAsync(HttpClient http, TestMerchant merchant)
    {
        using var posted = await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", merchant.Password));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var step = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/Identity/Account/LoginWith2fa", step);
        return step;
    }

    /// <summary>A six-digit code outside the window Identity accepts (two steps either side of now).</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(s => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => (123456 + i * 1111).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !valid.Contains(c));
    }
}

public sealed class SqliteIdentityTwoFactorTests(SqliteApp app) : IdentityTwoFactorTests<SqliteApp>(app);

public sealed class PostgresIdentityTwoFactorTests(PostgresApp app) : IdentityTwoFactorTests<PostgresApp>(app);
