using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Onboarding;

/// <summary>The signed-in portal's shared words come from PortalText.resx and stay English whatever the browser asks for.</summary>
public abstract class PortalTextTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheMenuAndBannersReadTheirEnglishWordsFromTheResourceFile()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard"));

        foreach (var words in new[] { "Skip to content", "M-Pesa is simulated here: no real money moves.", ">Payments<", ">API keys<",
            ">Payment accounts<", ">Two-factor sign-in and recovery codes<", "Signed in as " + merchant.Username, ">Sign out<" })
        {
            Assert.Contains(words, page);
        }

        Assert.DoesNotContain(">Nav", page);
    }

    [Fact]
    public async Task ADashboardAskedForInSwahiliStaysEnglish()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dashboard");
        request.Headers.AcceptLanguage.ParseAdd("sw-KE,sw;q=0.9");

        using var response = await merchant.Api.Http.SendAsync(request);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains(">Home</a>", page);
        Assert.Contains(">Settings</summary>", page);
    }

    [Fact]
    public async Task AGuestSeesSignInAndRegisterFromTheResourceFile()
    {
        using var http = app.NewClient();

        var page = await http.GetStringAsync("/Identity/Account/Login");

        Assert.Contains(">Sign in</a>", page);
        Assert.Contains(">Register</a>", page);
        Assert.Contains("aria-label=\"Account\" class=\"nav-guest\"", page);
    }
}

public sealed class SqlitePortalTextTests(SqliteApp app) : PortalTextTests<SqliteApp>(app);

public sealed class PostgresPortalTextTests(PostgresApp app) : PortalTextTests<PostgresApp>(app);
