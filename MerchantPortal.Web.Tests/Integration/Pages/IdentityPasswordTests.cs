using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class IdentityPasswordTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : MailApp
{
    private const string Forgot = "/Identity/Account/ForgotPassword";

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheEmailedLink()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var asked = await FormPage.PostAsync(http, Forgot, ("Email", merchant.Email));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("If an account uses that address", await http.GetStringAsync(asked.Headers.Location));

        var link = await app.WaitForLinkAsync(merchant.Email, "/Identity/Account/ResetPassword");
        using var reset = await FormPage.PostAsync(http, link,
            ("Email", merchant.Email), ("Password", "brand-new1"), ("ConfirmPassword", "brand-new1"));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/Identity/Account/Login", reset.Headers.Location!.OriginalString);
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", "brand-new1"))).AssertOk();
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password)))
            .AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");

        // The link works once: the password change made its token stale.
        using var again = await FormPage.PostAsync(http, link, ("Email", merchant.Email), ("Password", "other-one"), ("ConfirmPassword", "other-one"));
        Assert.Contains("invalid or has expired", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswerAndNoEmail()
    {
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";
        using var http = app.NewClient();

        using var asked = await FormPage.PostAsync(http, Forgot, ("Email", nobody));

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("If an account uses that address", await http.GetStringAsync(asked.Headers.Location));
        Assert.Empty(app.MailTo(nobody));
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOne()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        const string page = "/Identity/Account/Manage/ChangePassword";

        using var wrong = await FormPage.PostAsync(http, page,
            ("CurrentPassword", "not-mine"), ("NewPassword", "changed1"), ("ConfirmPassword", "changed1"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Matches("data-valmsg-for=\"CurrentPassword\"[^>]*>That is not your current password.", await wrong.Content.ReadAsStringAsync());

        using var changed = await FormPage.PostAsync(http, page,
            ("CurrentPassword", merchant.Password), ("NewPassword", "changed1"), ("ConfirmPassword", "changed1"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Your password was changed.", await http.GetStringAsync(changed.Headers.Location));
        (await app.NewApi().PostAsync("login", ("user", merchant.Email), ("password", "changed1"))).AssertOk();
    }

    [Fact]
    public async Task TheBannerOffersEmailConfirmationUntilTheLinkIsOpened()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        Assert.Contains("Confirm your email address", await http.GetStringAsync("/Dashboard"));

        using var sent = await FormPage.PostFormAsync(http, "/Dashboard", "SendConfirmationEmail");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/Dashboard", sent.Headers.Location!.OriginalString);
        var link = await app.WaitForLinkAsync(merchant.Email, "/Identity/Account/ConfirmEmail");
        Assert.Contains("your email address is confirmed", await http.GetStringAsync(link));

        Assert.DoesNotContain("Confirm your email address", await http.GetStringAsync("/Dashboard"));
        (await merchant.Api.GetAsync("me")).AssertOk();
    }
}

public sealed class SqliteIdentityPasswordTests(SqliteMailApp app) : IdentityPasswordTests<SqliteMailApp>(app);

public sealed class PostgresIdentityPasswordTests(PostgresMailApp app) : IdentityPasswordTests<PostgresMailApp>(app);
