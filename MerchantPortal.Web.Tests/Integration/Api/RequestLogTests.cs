using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The API request log (issue 14): each merchant's calls, succeeding and failing, without a secret.</summary>
public abstract class RequestLogTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ASucceedingAndAFailingCallAreLoggedWithTheirKeyLabelStatusAndCodeAndNoSecret()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync("Till script");
        using var api = app.NewApi();

        (await api.PostAsync("api_stk", ("api_key", key), ("phone", "0712345678"), ("amount", "10"), ("reference", "INV-7"))).AssertOk();
        var refused = await api.PostAsync("api_stk", ("api_key", key), ("phone", "12"), ("amount", "10"), ("idempotency_key", "retry-7"));
        var logged = await WaitForAsync(merchant, 2, ("log_action", "api_stk"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var (failed, succeeded) = (logged[0], logged[1]);
        Assert.Equal((400, "invalid_phone"), (failed.GetProperty("http_status").GetInt32(), failed.GetProperty("code").GetString()));
        Assert.Equal(200, succeeded.GetProperty("http_status").GetInt32());
        Assert.Equal(JsonValueKind.Null, succeeded.GetProperty("code").ValueKind);
        Assert.Equal("Till script", succeeded.GetProperty("key_label").GetString());
        Assert.Equal(key[..14], succeeded.GetProperty("key_prefix").GetString());
        Assert.Equal("retry-7", failed.GetProperty("idempotency_key").GetString());
        Assert.Equal("INV-7", succeeded.GetProperty("fields").GetProperty("reference").GetString());
        Assert.Equal("•••••••678", succeeded.GetProperty("fields").GetProperty("phone").GetString());
        Assert.Equal("[removed]", succeeded.GetProperty("fields").GetProperty("api_key").GetString());
        Assert.StartsWith("req_", succeeded.GetProperty("id").GetString());
        Assert.True(succeeded.GetProperty("duration_ms").GetInt32() >= 0);
        Assert.False(string.IsNullOrEmpty(succeeded.GetProperty("correlation_id").GetString()));
        var whole = (await merchant.Api.PostAsync("request_logs")).Text;
        Assert.DoesNotContain(key, whole);
        Assert.DoesNotContain(key[10..], whole);
    }

    [Fact]
    public async Task FiltersNarrowTheLogAndAnotherMerchantSeesNone()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync("Shop");
        using var api = app.NewApi();
        (await api.PostAsync("me", ("api_key", key))).AssertOk();
        await api.PostAsync("transaction", ("api_key", key), ("transaction_id", "txn_nope"));
        await WaitForAsync(merchant, 2, ("key", "Shop"));

        var notFound = (await merchant.Api.PostAsync("request_logs", ("http_status", "404"))).AssertOk().Data.GetProperty("requests");
        var byPrefix = (await merchant.Api.PostAsync("request_logs", ("key", key[..14]))).AssertOk().Data.GetProperty("requests");
        var badStatus = await merchant.Api.PostAsync("request_logs", ("http_status", "abc"));
        var paged = (await merchant.Api.PostAsync("request_logs", ("key", "Shop"), ("limit", "1"))).AssertOk().Data;
        var next = (await merchant.Api.PostAsync("request_logs", ("key", "Shop"), ("limit", "1"), ("cursor", paged.GetProperty("next_cursor").GetString()))).AssertOk().Data;
        var others = (await other.Api.PostAsync("request_logs", ("key", "Shop"))).AssertOk().Data.GetProperty("requests");

        Assert.Equal(["transaction"], notFound.EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(2, byPrefix.GetArrayLength());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_http_status"), (badStatus.Status, badStatus.Code));
        Assert.Equal("transaction", paged.GetProperty("requests")[0].GetProperty("action").GetString());
        Assert.Equal("me", next.GetProperty("requests")[0].GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("next_cursor").ValueKind);
        Assert.Equal(0, others.GetArrayLength());
    }

    [Fact]
    public async Task TheLogsPageListsARequestAndItsPageShowsTheFieldsEncodedWithoutSecretsToItsMerchantOnly()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync("Kiosk");
        using var api = app.NewApi();
        await api.PostAsync("transaction", ("api_key", key), ("transaction_id", "<script>alert(1)</script>"));
        var id = (await WaitForAsync(merchant, 1, ("log_action", "transaction")))[0].GetProperty("id").GetString()!;

        var list = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Logs?log_action=transaction&status=404"));
        var details = await merchant.Api.Http.GetStringAsync($"/Logs/Details/{id}");
        using var notTheirs = await other.Api.Http.GetAsync($"/Logs/Details/{id}");

        Assert.Contains($"/Logs/Details/{id}", list);
        Assert.Contains("transaction_not_found", list);
        Assert.Contains("Kiosk", list);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", details);
        Assert.DoesNotContain("<script>alert(1)", details);
        Assert.Contains("[removed]", details);
        Assert.DoesNotContain(key, details);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
    }

    /// <summary>The log is written off the request thread: polls until the entries are in.</summary>
    private static async Task<IReadOnlyList<JsonElement>> WaitForAsync(TestMerchant merchant, int count, params (string Name, string? Value)[] filter)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var requests = (await merchant.Api.PostAsync("request_logs", filter)).AssertOk().Data.GetProperty("requests").EnumerateArray().ToList();
            if (requests.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, requests.Count);
                return requests;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteRequestLogTests(SqliteApp app) : RequestLogTests<SqliteApp>(app);

public sealed class PostgresRequestLogTests(PostgresApp app) : RequestLogTests<PostgresApp>(app);
