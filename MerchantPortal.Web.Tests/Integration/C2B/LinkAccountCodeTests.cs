using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

public abstract class LinkAccountCodeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ANewLinksCodeComesFromItsTitleAndAmountAndACollisionGetsASuffix()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);

        var first = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();
        var second = (await merchant.Api.PostAsync("create_link", ("title", "tea"), ("amount", "50"))).AssertOk();
        var elsewhere = (await other.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();

        Assert.Equal("TEA50", first.Data.GetProperty("link").GetProperty("account_code").GetString());
        Assert.Equal("TEA50B", second.Data.GetProperty("link").GetProperty("account_code").GetString());
        Assert.Equal("TEA50", elsewhere.Data.GetProperty("link").GetProperty("account_code").GetString());
        var links = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links");
        Assert.Equal(["TEA50", "TEA50B"], links.EnumerateArray().Select(l => l.GetProperty("account_code").GetString()));
    }

    [Fact]
    public async Task ADeletedLinksCodeIsFreeForANewLink()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var deleted = await PageForms.PostAsync(merchant.Api.Http, $"/PaymentLinks/Details/{lid}", "handler=Delete");

        var again = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("TEA50", again.Data.GetProperty("link").GetProperty("account_code").GetString());
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneTitleEachGetTheirOwnCode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => merchant.Api.PostAsync("create_link", ("title", "Chai"), ("amount", "40"))));

        var codes = created.Select(c => c.AssertOk().Data.GetProperty("link").GetProperty("account_code").GetString()).ToList();
        Assert.Equal(8, codes.Distinct().Count());
        Assert.Contains("CHAI40", codes);
    }

    [Fact]
    public async Task TheMerchantsOwnCodeIsKeptInCapitals()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var created = (await merchant.Api.PostAsync("create_link", ("title", "Fees"), ("account_code", " adm2026 "))).AssertOk();

        Assert.Equal("ADM2026", created.Data.GetProperty("link").GetProperty("account_code").GetString());
    }

    [Theory]
    [InlineData("A")]
    [InlineData("TEA-50")]
    [InlineData("ABCDEFGHIJKLM")]
    public async Task AMalformedCodeIsRefusedAndNothingIsWritten(string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("account_code", code))).AssertError(HttpStatusCode.BadRequest, "invalid_account_code");

        Assert.Equal(0, (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task ACodeAnotherLiveLinkHasIsRefusedWithAConflict()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();

        var refused = (await merchant.Api.PostAsync("create_link", ("title", "Other"), ("account_code", "tea50"))).AssertError(HttpStatusCode.Conflict, "account_code_taken");

        Assert.Contains("TEA50", refused.Message);
        Assert.Equal(1, (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task TheEditFormChangesTheCodeAndRefusesATakenOneBesideTheField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "20"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        using var taken = await PageForms.PostOwnFormAsync(merchant.Api.Http, $"/PaymentLinks/Edit/{lid}",
            ("Input.Title", "Mandazi"), ("Input.Amount", "20"), ("Input.AccountCode", "TEA50"));
        using var saved = await PageForms.PostOwnFormAsync(merchant.Api.Http, $"/PaymentLinks/Edit/{lid}",
            ("Input.Title", "Mandazi"), ("Input.Amount", "20"), ("Input.AccountCode", "maandazi"));

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.AccountCode\"[^>]*>[^<]*TEA50", await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("MAANDAZI", await CodeAsync(lid));
        var details = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        Assert.Contains("MAANDAZI", details);
    }

    [Fact]
    public async Task TheLinkPageAndThePosterSayWhichPaybillAndAccountToPayFromTheMenu()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var tills = await TestMerchant.RegisterAsync(app);
        await tills.AddAccountAsync("till", "5123456");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var tillLid = (await tills.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        var details = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        var poster = WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/{lid}/poster"));
        var tillDetails = WebUtility.HtmlDecode(await tills.Api.Http.GetStringAsync($"/PaymentLinks/Details/{tillLid}"));

        Assert.Contains("Paybill 123456, Account TEA50", details);
        Assert.Contains("Paybill 123456, Account TEA50", poster);
        Assert.Contains("Till 5123456", tillDetails);
    }

    private Task<string> CodeAsync(string lid) =>
        app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == lid).Select(l => l.AccountCode).SingleAsync());
}

public sealed class SqliteLinkAccountCodeTests(SqliteApp app) : LinkAccountCodeTests<SqliteApp>(app);

public sealed class PostgresLinkAccountCodeTests(PostgresApp app) : LinkAccountCodeTests<PostgresApp>(app);
