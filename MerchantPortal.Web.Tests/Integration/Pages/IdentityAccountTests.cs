using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class IdentityAccountTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Register = "/Identity/Account/Register";
    private const string Login = "/Identity/Account/Login";
    private const string ChangePassword = "/Identity/Account/Manage/ChangePassword";

    [Fact]
    public async Task RegisteringOnThePageSignsInAndGoesToTheDashboard()
    {
        var username = "p" + Guid.NewGuid().ToString("N")[..12];
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, Register,
            ("Username", username), ("Email", username + "@example.com"), ("Password", "secret1"), ("Phone", ""));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        // The root sends a merchant on to the dashboard (an administrator to the admin area).
        Assert.Equal("/", posted.Headers.Location!.OriginalString);
        using (var home = await http.GetAsync("/"))
        {
            Assert.Equal("/Dashboard", home.Headers.Location!.OriginalString);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username && u.Phone == null)));
        using var manage = await http.GetAsync(ChangePassword);
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
    }

    [Fact]
    public async Task ABadEmailIsShownBesideTheFieldAndNothingIsWritten()
    {
        var username = "p" + Guid.NewGuid().ToString("N")[..12];
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, Register, ("Username", username), ("Email", "not-an-email"), ("Password", "secret1"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Email\"[^>]*>Enter your email address, such as name@example.com", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }

    [Fact]
    public async Task ATakenUsernameIsRefusedOnTheForm()
    {
        var first = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, Register,
            ("Username", first.Username.ToUpperInvariant()), ("Email", "other" + first.Email), ("Password", "secret1"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("That username is already registered.", await posted.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "other" + first.Email)));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("yes")]
    [InlineData("-5")]
    [InlineData("<script>")]
    public async Task ACheckboxSentWithAnyValueShowsTheSignInFormAgainInsteadOfAnError(string value)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var wrong = await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", "not-the-password"), ("RememberMe", value));
        using var twoFactor = await FormPage.PostAsync(http, "/Identity/Account/LoginWith2fa?rememberMe=False",
            ("Code", "123456"), ("RememberMachine", value));

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("name=\"RememberMe\"", await wrong.Content.ReadAsStringAsync());
        Assert.True((int)twoFactor.StatusCode < 500, $"LoginWith2fa answered {(int)twoFactor.StatusCode}");
    }

    [Fact]
    public async Task APlainCheckboxOnKeepsTheSessionPastTheBrowser()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", merchant.Password), ("RememberMe", "on"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var session = Assert.Single(posted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mp_session=", StringComparison.Ordinal));
        Assert.Contains("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInTakesAUsernameOrAnEmailAndFollowsOnlyALocalReturnUrl()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var cases = new[]
        {
            (Login: merchant.Username, ReturnUrl: "", Expected: "/"),
            (Login: merchant.Email.ToUpperInvariant(), ReturnUrl: "/Identity/Account/Manage/TwoFactor", Expected: "/Identity/Account/Manage/TwoFactor"),
            (Login: merchant.Email, ReturnUrl: "https://evil.example/phish", Expected: "/"),
        };

        foreach (var (login, returnUrl, expected) in cases)
        {
            using var http = app.NewClient();
            using var posted = await FormPage.PostAsync(http, Login + "?returnUrl=" + Uri.EscapeDataString(returnUrl),
                ("Login", login), ("Password", merchant.Password));

            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal(expected, posted.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ChangePassword)).StatusCode);
        }
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndFiveLockTheAccount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var wrong = await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", "wrong-one"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong username/email or password.", await wrong.Content.ReadAsStringAsync());

        for (var i = 0; i < 4; i++)
        {
            (await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", "wrong-one"))).Dispose();
        }

        using var locked = await FormPage.PostAsync(http, Login, ("Login", merchant.Username), ("Password", merchant.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("This account is locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndManagePagesAskForSignIn()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ChangePassword)).StatusCode);

        // The header's "Sign out" button, as a merchant clicks it.
        using var posted = await FormPage.PostFormAsync(http, "/Dashboard", "/Identity/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location!.OriginalString);
        using var manage = await http.GetAsync(ChangePassword);
        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
        Assert.StartsWith(Login, manage.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var username = "p" + Guid.NewGuid().ToString("N")[..12];
        using var http = app.NewClient();

        using var posted = await http.PostAsync(Register, new FormUrlEncodedContent(
            [new("Username", username), new("Email", username + "@example.com"), new("Password", "secret1")]));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }
}

public sealed class SqliteIdentityAccountTests(SqliteApp app) : IdentityAccountTests<SqliteApp>(app);

public sealed class PostgresIdentityAccountTests(PostgresApp app) : IdentityAccountTests<PostgresApp>(app);
