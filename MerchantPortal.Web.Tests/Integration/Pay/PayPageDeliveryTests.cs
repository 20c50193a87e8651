using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using static MerchantPortal.Web.Tests.Integration.Pay.CustomerPages;

namespace MerchantPortal.Web.Tests.Integration.Pay;

public abstract partial class PayPageDeliveryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Theory]
    [InlineData("till", "5123456", null, "en", "Till 5123456")]
    [InlineData("till", "5123456", null, "sw", "Nambari ya Till 5123456")]
    [InlineData("paybill", "123456", "SHOP", "en", "Paybill 123456 · Account SUKUMA150")]
    [InlineData("paybill", "123456", null, "en", "Paybill 123456 · Account SUKUMA150")]
    [InlineData("paybill", "123456", "SHOP", "sw", "Paybill 123456 · Nambari ya akaunti SUKUMA150")]
    public async Task ThePayPageShowsTheBusinessAndWhereTheMoneyGoesWithoutThePortalsNavigation(
        string type, string number, string? reference, string language, string destination)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"))).AssertOk();
        await merchant.AddAccountAsync(type, number, reference);
        var lid = await LinkAsync(merchant, ("title", "Sukuma bundle!"), ("amount", "150"));
        using var http = Client(app, language);

        var page = WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/{lid}"));

        Assert.Contains(destination, page);
        Assert.Contains("Mama Mboga Greens", page);
        Assert.DoesNotContain(merchant.Username, page);
        Assert.Contains("KES 150", page);
        Assert.DoesNotContain("/Identity/Account/Login", page);
        Assert.DoesNotContain("aria-label=\"Main\"", page);
        Assert.DoesNotContain("/poster", page);
        Assert.DoesNotContain("class=\"qr\"", page);
        Assert.Contains(language == "sw" ? "hakuna pesa halisi" : "no real money moves", page);
        Assert.Contains(language == "sw" ? "weka PIN yako ya M-Pesa" : "enter your M-Pesa PIN", page);
    }

    [Fact]
    public async Task WithoutABusinessLogoThePayPageShowsTheLinksOwnLogoEncoded()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Chai"), ("amount", "40"), ("logo", "https://cdn.example/logo.png?a=1&b=2"));
        using var http = Client(app);

        var page = await http.GetStringAsync($"/pay/{lid}");

        Assert.Contains("<img src=\"https://cdn.example/logo.png?a=1&amp;b=2\"", page);
        Assert.Contains(merchant.Username, page);
    }

    [Fact]
    public async Task TheLanguageFollowsAcceptLanguageAndASwitchOnThePageIsRemembered()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Chai"), ("amount", "40"));
        using var swahili = Client(app, "sw-KE,sw;q=0.9,en;q=0.5");
        using var english = Client(app);

        var sw = await swahili.GetStringAsync($"/pay/{lid}");
        var en = await english.GetStringAsync($"/pay/{lid}");

        Assert.Equal("sw", Lang(sw));
        Assert.Contains(">Lipa na M-Pesa</button>", sw);
        Assert.Equal("en", Lang(en));
        Assert.Contains(">Pay with M-Pesa</button>", en);
        var switchLink = WebUtility.HtmlDecode(SwitchLink().Match(en).Groups[1].Value);
        using var switched = await english.GetAsync(switchLink);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal($"/pay/{lid}", switched.Headers.Location!.ToString());
        Assert.Equal("sw", Lang(await english.GetStringAsync($"/pay/{lid}")));
        using var away = await english.GetAsync("/pay/language?culture=en&returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", away.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ThePayPageIsCompressedAndItsFilesAreCachedForAYearOnlyAtTheirVersion()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", "Chai"), ("amount", "40"));
        using var http = Client(app);

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var compressed = await GetAsync(http, $"/pay/{lid}", encoding);
            Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        }

        using var portal = await GetAsync(http, "/Identity/Account/Login", "br");
        Assert.Empty(portal.Content.Headers.ContentEncoding);
        var css = Stylesheet().Match(await http.GetStringAsync($"/pay/{lid}")).Groups[1].Value;
        Assert.Contains("?v=", css);
        using var versioned = await GetAsync(http, WebUtility.HtmlDecode(css), "br");
        Assert.Equal("br", Assert.Single(versioned.Content.Headers.ContentEncoding));
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl!.ToString());
        foreach (var other in new[] { "/css/pay.css", "/css/pay.css?v=made-up" })
        {
            using var plain = await http.GetAsync(other);
            Assert.Equal("public, max-age=300", plain.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task TheFirstLoadOfThePayPageIsAtMost30Kilobytes()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"))).AssertOk();
        await merchant.AddAccountAsync();
        var lid = await LinkAsync(merchant, ("title", new string('T', 120)), ("min", "10"), ("max", "250000"));
        using var http = Client(app);

        var html = await http.GetStringAsync($"/pay/{lid}");
        var total = System.Text.Encoding.UTF8.GetByteCount(html);
        var files = Assets().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            total += (await http.GetByteArrayAsync(file)).Length;
        }

        // Counted uncompressed: what a browser would fetch with compression off is the budget's upper bound.
        Assert.True(total <= 30 * 1024, $"The pay page's first load is {total} bytes.");
    }

    [Fact]
    public async Task ThePosterComesInA4AndA5WithTheMenuDestinationInEitherLanguage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Mama Mboga Greens"))).AssertOk();
        await merchant.AddAccountAsync("paybill", "123456", "SHOP");
        var lid = await LinkAsync(merchant, ("title", "Sukuma bundle"), ("amount", "150"));
        using var http = Client(app);
        using var swahili = Client(app, "sw");

        var a4 = WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/{lid}/poster"));
        var a5 = WebUtility.HtmlDecode(await swahili.GetStringAsync($"/pay/{lid}/poster?size=a5"));

        Assert.Contains("poster poster-a4", a4);
        Assert.DoesNotContain("poster-a5.css", a4);
        Assert.Contains("Paybill 123456, Account SUKUMA150", a4);
        Assert.Contains("Scan to pay with M-Pesa", a4);
        Assert.Contains("Mama Mboga Greens", a4);
        Assert.Contains($"/pay/{lid}/poster?size=a5", a4);
        Assert.Contains("poster poster-a5", a5);
        Assert.Contains("poster-a5.css", a5);
        Assert.Contains("Paybill 123456, Nambari ya akaunti SUKUMA150", a5);
        Assert.Contains("Changanua ili ulipe na M-Pesa", a5);
        Assert.Contains("size: A4", await http.GetStringAsync("/css/pay.css"));
        Assert.Contains("size: A5", await http.GetStringAsync("/css/poster-a5.css"));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        return await http.SendAsync(request);
    }

    [GeneratedRegex("<a[^>]*href=\"(/pay/language\\?[^\"]*culture=sw[^\"]*)\"")]
    private static partial Regex SwitchLink();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("(?:<link rel=\"stylesheet\" href|<script src)=\"([^\"]+)\"")]
    private static partial Regex Assets();
}

public sealed class SqlitePayPageDeliveryTests(SqliteApp app) : PayPageDeliveryTests<SqliteApp>(app);

public sealed class PostgresPayPageDeliveryTests(PostgresApp app) : PayPageDeliveryTests<PostgresApp>(app);
