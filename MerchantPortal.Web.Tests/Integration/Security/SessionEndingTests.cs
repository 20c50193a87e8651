using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>
/// A copied session cookie dies with the session: sign-out, a new password, 2FA on or off and "sign out of all
/// other sessions" end it on its very next request, on every instance.
/// </summary>
public abstract class SessionEndingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string TwoFactorPage = "/Identity/Account/Manage/TwoFactor";

    [Fact]
    public async Task ACopiedCookieIsRefusedOnceTheSessionSignsOutWithTheLogoutAction()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);
        await AssertAcceptedAsync(copy);

        (await session.Api.PostAsync("logout")).AssertOk();

        await AssertEndedAsync(copy);
    }

    [Fact]
    public async Task ACopiedCookieIsRefusedOnceTheSessionSignsOutOnThePage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);
        await AssertAcceptedAsync(copy);

        using var signedOut = await FormPage.PostAsync(session.Http, "/Identity/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await AssertEndedAsync(copy);
    }

    [Fact]
    public async Task ChangingThePasswordEndsOtherSessionsAndKeepsTheOneThatChangedIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);

        using var changed = await FormPage.PostAsync(session.Http, "/Identity/Account/Manage/ChangePassword",
            ("CurrentPassword", merchant.Password), ("NewPassword", "changed1"), ("ConfirmPassword", "changed1"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await AssertEndedAsync(copy);
        await AssertAcceptedAsync(session.Http);
        (await merchant.Api.PostAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task ResettingAForgottenPasswordEndsEverySession()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);
        using var stranger = app.NewClient();

        (await FormPage.PostAsync(stranger, "/Identity/Account/ForgotPassword", ("Email", merchant.Email))).Dispose();
        var link = await app.WaitForLinkAsync(merchant.Email, "/Identity/Account/ResetPassword");
        using var reset = await FormPage.PostAsync(stranger, link,
            ("Email", merchant.Email), ("Password", "brand-new1"), ("ConfirmPassword", "brand-new1"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await AssertEndedAsync(copy);
        await AssertEndedAsync(session.Http);
    }

    [Fact]
    public async Task TurningTwoFactorOnAndOffEachEndOtherSessionsAndKeepTheOneThatDidIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        var setup = await session.Http.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = Regex.Match(WebUtility.HtmlDecode(setup), "secret=([A-Z2-7]+)").Groups[1].Value;
        using var copyBeforeOn = session.CopyTo(app);

        using var enabled = await FormPage.PostAsync(session.Http, "/Identity/Account/Manage/EnableAuthenticator",
            ("Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        await AssertEndedAsync(copyBeforeOn);
        await AssertAcceptedAsync(session.Http);
        using var copyBeforeOff = session.CopyTo(app);
        await AssertAcceptedAsync(copyBeforeOff);

        using var disabled = await FormPage.PostFormAsync(session.Http, TwoFactorPage, "handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        await AssertEndedAsync(copyBeforeOff);
        await AssertAcceptedAsync(session.Http);
    }

    [Fact]
    public async Task SigningOutOfAllOtherSessionsKeepsThisOneAndEndsTheCopy()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);
        await AssertAcceptedAsync(copy);

        using var posted = await FormPage.PostFormAsync(session.Http, TwoFactorPage, "handler=SignOutOthers");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Every other session is signed out.", await session.Http.GetStringAsync(posted.Headers.Location));

        await AssertEndedAsync(copy);
        await AssertEndedAsync(merchant.Api.Http);
        await AssertAcceptedAsync(session.Http);
    }

    [Fact]
    public async Task ASessionEndedOnOneInstanceIsRefusedByAnotherOnTheSameDatabase()
    {
        await using var second = new SecondInstance(app);
        await second.InitializeAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(second);
        await AssertAcceptedAsync(copy);

        (await session.Api.PostAsync("logout")).AssertOk();

        await AssertEndedAsync(copy);
    }

    [Fact]
    public async Task AnApiKeyCallIsServedByTheKeyWhateverTheCookieItCarries()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        using var session = await SessionClient.SignInAsync(app, merchant);
        using var copy = session.CopyTo(app);
        (await session.Api.PostAsync("logout")).AssertOk();

        var answer = await new ApiClient(copy).PostAsync("me", ("api_key", key));

        Assert.Equal(merchant.PublicId, answer.AssertOk().Data.GetProperty("user").GetProperty("id").GetString());
    }

    private static async Task AssertAcceptedAsync(HttpClient client)
    {
        var me = await new ApiClient(client).PostAsync("me");
        me.AssertOk();
    }

    /// <summary>Refused by the API (401) and sent to sign in by the pages.</summary>
    private static async Task AssertEndedAsync(HttpClient client)
    {
        (await new ApiClient(client).PostAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        using var page = await client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Identity/Account/Login", page.Headers.Location!.OriginalString);
    }
}

public sealed class SqliteSessionEndingTests(SqliteApp app) : SessionEndingTests<SqliteApp>(app);

public sealed class PostgresSessionEndingTests(PostgresApp app) : SessionEndingTests<PostgresApp>(app);
