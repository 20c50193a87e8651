using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>
/// Every answer carries the browser-side defences: a Content-Security-Policy allowing only this site's scripts
/// and styles, no framing of the portal (the pay page by the portal only), Referrer-Policy and nosniff; over
/// HTTPS, HSTS and Secure cookies.
/// </summary>
public abstract class SecurityHeadersTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : HttpsProxyApp
{
    [Fact]
    public async Task TheDashboardMayNotBeFramedAndRunsOnlyItsOwnScriptsAndStyles()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var page = await merchant.Api.Http.GetAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommon(page);
        var policy = Policy(page);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("img-src 'self' data:;", policy);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
    }

    [Fact]
    public async Task ThePayPageMayBeFramedOnlyByThePortalAndShowsALogoFromAnyWebAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "20"), ("logo", "https://cdn.example/logo.png")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;
        using var customer = app.NewClient();

        foreach (var path in new[] { $"/pay/{lid}", $"/index.php?action=paylink&uid={merchant.PublicId}&lid={lid}" })
        {
            using var page = await customer.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            AssertCommon(page);
            Assert.Contains("frame-ancestors 'self'", Policy(page));
            Assert.Contains("img-src 'self' data: https: http:", Policy(page));
            Assert.Equal("SAMEORIGIN", Header(page, "X-Frame-Options"));
        }
    }

    [Fact]
    public async Task ApiAnswersCarryTheHeadersToo()
    {
        using var http = app.NewClient();

        using var answer = await http.GetAsync("/index.php?action=me");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        AssertCommon(answer);
        Assert.Contains("frame-ancestors 'none'", Policy(answer));
    }

    [Fact]
    public async Task OverHttpsHstsIsSentAndEveryCookieIsSecure()
    {
        using var http = app.NewClient();
        var username = "s" + Guid.NewGuid().ToString("N")[..12];

        using var login = await http.SendAsync(Https(HttpMethod.Get, "/Identity/Account/Login"));
        using var register = await http.SendAsync(Https(HttpMethod.Post, "/index.php", new FormUrlEncodedContent(
            [new("action", "register"), new("username", username), new("email", username + "@example.com"), new("password", "secret1")])));

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.StartsWith("max-age=", Header(login, "Strict-Transport-Security"));
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(register.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("mp_session=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OverPlainHttpNeitherHstsNorSecureCookiesAreSent()
    {
        using var http = app.NewClient();

        using var login = await http.GetAsync("/Identity/Account/Login");

        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>As a TLS-terminating proxy forwards it: a public host name, the client's address and the scheme.</summary>
    private static HttpRequestMessage Https(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = "portal.example";
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static void AssertCommon(HttpResponseMessage response)
    {
        var policy = Policy(response);
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("style-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    private static string Policy(HttpResponseMessage response) => Header(response, "Content-Security-Policy");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}.");
}

/// <summary>The portal behind a TLS-terminating proxy on this machine, whose X-Forwarded-* headers it believes.</summary>
public class HttpsProxyApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The one-value form an operator writes in an environment variable (App__TrustedProxies=…), not the indexed one.
        ["App:TrustedProxies"] = "127.0.0.1",
    };
}

public sealed class SqliteHttpsProxyApp() : HttpsProxyApp(DatabaseProvider.Sqlite);

public sealed class PostgresHttpsProxyApp() : HttpsProxyApp(DatabaseProvider.Postgres);

public sealed class SqliteSecurityHeadersTests(SqliteHttpsProxyApp app) : SecurityHeadersTests<SqliteHttpsProxyApp>(app);

public sealed class PostgresSecurityHeadersTests(PostgresHttpsProxyApp app) : SecurityHeadersTests<PostgresHttpsProxyApp>(app);
