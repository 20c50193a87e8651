using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class AccountActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task RegisterSignsTheMerchantInWithATrial()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var me = (await merchant.Api.GetAsync("me")).AssertOk();
        var user = me.Body.GetProperty("user");
        Assert.Equal(merchant.PublicId, user.GetProperty("id").GetString());
        Assert.StartsWith("u_", merchant.PublicId);
        Assert.Equal(merchant.Username, user.GetProperty("username").GetString());
        Assert.Equal(merchant.Email, user.GetProperty("email").GetString());
        Assert.Equal("0712345678", user.GetProperty("phone").GetString());
        Assert.Equal("trial", user.GetProperty("subscription").GetProperty("status").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(user.GetProperty("subscription").GetProperty("expires_at").GetInt64());
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(13.9), TimeSpan.FromDays(14.1));
        Assert.Equal(0, user.GetProperty("api_keys").GetArrayLength());
    }

    [Fact]
    public async Task RegisterRefusesATakenUsernameOrEmailWhateverTheCase()
    {
        var first = await TestMerchant.RegisterAsync(app);
        var api = app.NewApi();

        (await api.PostAsync("register", ("username", first.Username.ToUpperInvariant()), ("email", "other" + first.Email), ("password", "secret1")))
            .AssertError(HttpStatusCode.Conflict, "username_taken");
        (await api.PostAsync("register", ("username", "x" + first.Username), ("email", first.Email.ToUpperInvariant()), ("password", "secret1")))
            .AssertError(HttpStatusCode.Conflict, "email_taken");
    }

    [Theory]
    [InlineData("ab", "ok@example.com", "secret1", "invalid_username")]
    [InlineData("bad name!", "ok@example.com", "secret1", "invalid_username")]
    [InlineData("good_name", "not-an-email", "secret1", "invalid_email")]
    [InlineData("good_name", "ok@example.com", "12345", "invalid_password")]
    [InlineData("good_name", "ok@example.com", "secret1", "invalid_phone", "12345")]
    public async Task RegisterRefusesBadInputAndWritesNothing(string username, string email, string password, string code, string? phone = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        username = username == "good_name" ? "g" + unique : username;
        email = email.Replace("ok@", unique + "@", StringComparison.Ordinal);

        var response = await app.NewApi().PostAsync("register", ("username", username), ("email", email), ("password", password), ("phone", phone));

        response.AssertError(HttpStatusCode.BadRequest, code);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task LoginAcceptsUsernameOrEmailAndSetsAnHttpOnlyLaxCookie()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        foreach (var user in new[] { merchant.Username, merchant.Email, merchant.Email.ToUpperInvariant() })
        {
            using var http = app.NewClient();
            var form = new MultipartFormDataContent { { new StringContent("login"), "action" }, { new StringContent(user), "user" }, { new StringContent("secret1"), "password" } };
            using var response = await http.PostAsync("/index.php", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mp_session=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

            var me = await new ApiClient(http).GetAsync("me");
            Assert.Equal(merchant.PublicId, me.AssertOk().Body.GetProperty("user").GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task LoginRefusesAWrongPasswordAndLocksAfterRepeatedFailures()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var api = app.NewApi();
        // The address's failures are counted per minute: five guesses across a minute's end would rightly not lock.
        await RateWindow.StartWithSecondsLeftAsync(20);

        (await api.PostAsync("login", ("user", merchant.Username), ("password", "wrong-one"))).AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.PostAsync("login", ("user", "nobody-" + Guid.NewGuid().ToString("N")), ("password", "secret1"))).AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        for (var i = 0; i < 4; i++)
        {
            await api.PostAsync("login", ("user", merchant.Username), ("password", "wrong-one"));
        }

        (await api.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertError(HttpStatusCode.Forbidden, "account_locked");
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneUsernameMakeOneMerchantAndNoServerError()
    {
        var username = "race" + Guid.NewGuid().ToString("N")[..10];

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => app.NewApi().PostAsync("register",
            ("username", username), ("email", $"{username}{i}@example.com"), ("password", "secret1"))));

        Assert.Single(responses, r => r.Ok);
        Assert.All(responses.Where(r => !r.Ok), r => r.AssertError(HttpStatusCode.Conflict, "username_taken"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }

    [Fact]
    public async Task LogoutEndsTheSession()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("logout")).AssertOk();

        (await merchant.Api.GetAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task MeNeedsASessionOrAnApiKey()
    {
        (await app.NewApi().GetAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        (await app.NewApi().GetAsync("me", ("api_key", "sk_" + new string('x', 40)))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
    }
}

public sealed class SqliteAccountActionsTests(SqliteApp app) : AccountActionsTests<SqliteApp>(app);

public sealed class PostgresAccountActionsTests(PostgresApp app) : AccountActionsTests<PostgresApp>(app);
