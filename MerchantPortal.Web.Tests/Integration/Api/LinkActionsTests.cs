using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class LinkActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task CreateLinkAnswersWithThePublicPayUrl()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var created = (await merchant.Api.PostAsync("create_link",
            ("title", "Product Payment"), ("amount", "1000"), ("min", "100"), ("max", "5000"), ("logo", "https://example.com/logo.png"))).AssertOk();

        var url = created.Body.GetProperty("public_url").GetString()!;
        var lid = created.Data.GetProperty("link_id").GetString()!;
        Assert.StartsWith("link_", lid);
        Assert.Equal($"{app.BaseUri.ToString().TrimEnd('/')}/index.php?action=paylink&uid={merchant.PublicId}&lid={lid}", url);
        var link = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links")[0];
        Assert.Equal(1000, link.GetProperty("amount").GetInt64());
        Assert.Equal(100, link.GetProperty("min").GetInt64());
        Assert.Equal(5000, link.GetProperty("max").GetInt64());
        Assert.Equal("https://example.com/logo.png", link.GetProperty("logo").GetString());

        using var http = app.NewClient();
        var page = await http.GetStringAsync(url);
        Assert.Contains("Product Payment", page);
        Assert.Contains("KES 1,000", page);
    }

    [Theory]
    [InlineData("", null, null, null, null, "invalid_title")]
    [InlineData("\u202Eevil\u202C", null, null, null, null, "invalid_title")]
    [InlineData("Two\nlines", null, null, null, null, "invalid_title")]
    [InlineData("T", "12.5", null, null, null, "invalid_amount")]
    [InlineData("T", "0", null, null, null, "invalid_amount")]
    [InlineData("T", "250001", null, null, null, "invalid_amount")]
    [InlineData("T", null, "500", "100", null, "invalid_min")]
    [InlineData("T", "50", "100", null, null, "invalid_amount")]
    [InlineData("T", null, null, null, "javascript:alert(1)", "invalid_logo")]
    [InlineData("T", null, null, null, "ftp://example.com/x.png", "invalid_logo")]
    public async Task CreateLinkRefusesBadInput(string title, string? amount, string? min, string? max, string? logo, string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", amount), ("min", min), ("max", max), ("logo", logo)))
            .AssertError(HttpStatusCode.BadRequest, code);

        Assert.Equal(0, (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task BytesThatAreNotUtf8AreRefusedAsBrokenTextNotStoredGarbled()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var urlencoded = new ByteArrayContent([.. "action=create_link&title=bad"u8, 0xFF, 0xFE, .. "utf"u8]);
        urlencoded.Headers.ContentType = new("application/x-www-form-urlencoded");
        var raw = new MultipartFormDataContent { { new StringContent("create_link"), "action" } };
        var bytes = new ByteArrayContent([(byte)'b', (byte)'a', (byte)'d', 0xFF, 0xFE, (byte)'u']);
        raw.Add(bytes, "title");

        (await merchant.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = urlencoded }))
            .AssertError(HttpStatusCode.BadRequest, "invalid_characters");
        (await merchant.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = raw }))
            .AssertError(HttpStatusCode.BadRequest, "invalid_characters");
        (await merchant.Api.PostAsync("create_link", ("title", "Already \uFFFD garbled"))).AssertError(HttpStatusCode.BadRequest, "invalid_characters");

        Assert.Equal(0, (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task ThePayPageEncodesWhatTheMerchantTyped()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var created = (await merchant.Api.PostAsync("create_link", ("title", "<script>alert('x')</script>"))).AssertOk();

        using var http = app.NewClient();
        var page = await http.GetStringAsync(created.Body.GetProperty("public_url").GetString());

        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Fact]
    public async Task UnknownLinksGetAFriendly404()
    {
        using var http = app.NewClient();

        using var response = await http.GetAsync("/index.php?action=paylink&uid=u_nobody&lid=link_nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Payment link not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMerchantsLinkIsNotReachableThroughAnotherMerchantsId()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync();
        var lid = (await owner.Api.PostAsync("create_link", ("title", "Mine"), ("amount", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        (await app.NewApi().PostAsync("pay_from_link", ("uid", other.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.NotFound, "link_not_found");
        using var http = app.NewClient();
        using var page = await http.GetAsync($"/index.php?action=paylink&uid={other.PublicId}&lid={lid}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}

public sealed class SqliteLinkActionsTests(SqliteApp app) : LinkActionsTests<SqliteApp>(app);

public sealed class PostgresLinkActionsTests(PostgresApp app) : LinkActionsTests<PostgresApp>(app);
