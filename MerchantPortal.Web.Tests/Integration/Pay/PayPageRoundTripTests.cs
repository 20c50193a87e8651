using System.Net;
using MerchantPortal.Web.Tests.Support;
using static MerchantPortal.Web.Tests.Integration.Pay.CustomerPages;

namespace MerchantPortal.Web.Tests.Integration.Pay;

/// <summary>Every customer who opens a link pays for the pay page's round trips: one query brings all it shows.</summary>
public abstract class PayPageRoundTripTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CommandCountingApp
{
    [Fact]
    public async Task ThePayPageOfALinkWithItsOwnAccountIsOneDatabaseCommandAndShowsThatAccount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Duka la Amani"))).AssertOk();
        await merchant.AddAccountAsync("till", "5123456");
        var second = await merchant.AddAccountAsync("paybill", "654321", "SHOP");
        var lid = await LinkAsync(merchant, ("title", "Unga"), ("amount", "90"), ("payment_id", second));

        var (page, commands) = await CountedGetAsync($"/pay/{lid}");

        Assert.Contains("Paybill 654321 · Account UNGA90", page);
        Assert.Contains("Duka la Amani", page);
        Assert.Equal(1, commands);
    }

    [Fact]
    public async Task ThePayPageAtTheDocumentsAddressIsOneDatabaseCommandAndShowsThePrimaryAccount()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", "5123456");
        var lid = await LinkAsync(merchant, ("title", "Unga"), ("amount", "90"));

        var (page, commands) = await CountedGetAsync($"/index.php?action=paylink&uid={merchant.PublicId}&lid={lid}");

        Assert.Contains("Till 5123456", page);
        Assert.Contains(merchant.Username, page);
        Assert.Equal(1, commands);
    }

    [Fact]
    public async Task AnUnknownLinkIsOneDatabaseCommandAndNotFound()
    {
        using var http = Client(app);
        await http.GetAsync("/pay/link_nothing_here"); // the first request may load the key ring: not the page's cost
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pay/link_nothing_here");
        request.Headers.Add(CommandCountingApp.Header, tag);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, app.CommandsOf(tag));
    }

    /// <summary>A warm-up GET first (the key ring's first load is not the page's cost), then the counted one.</summary>
    private async Task<(string Page, int Commands)> CountedGetAsync(string path)
    {
        using var http = Client(app);
        (await http.GetAsync(path)).Dispose();
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(CommandCountingApp.Header, tag);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), app.CommandsOf(tag));
    }
}

public sealed class SqlitePayPageRoundTripTests(SqliteCommandCountingApp app) : PayPageRoundTripTests<SqliteCommandCountingApp>(app);

public sealed class PostgresPayPageRoundTripTests(PostgresCommandCountingApp app) : PayPageRoundTripTests<PostgresCommandCountingApp>(app);
