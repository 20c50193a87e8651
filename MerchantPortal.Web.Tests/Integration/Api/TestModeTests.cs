using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// Test mode beside live mode (issue 14): keys by mode, and a test key never sees live data nor a live key test data,
/// in every action that reads mode-owned data (transactions, webhook endpoints and deliveries, idempotency keys,
/// request logs), while accounts and links are shared.
/// </summary>
public abstract class TestModeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task KeysCarryTheirModeInTheirPrefixTheAnswerAndMe()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var live = (await merchant.Api.PostAsync("generate_api_key", ("label", "Shop"))).AssertOk();
        var test = (await merchant.Api.PostAsync("generate_api_key", ("label", "Dev"), ("mode", "TEST"))).AssertOk();

        Assert.StartsWith("sk_live_", live.Body.GetProperty("key").GetString());
        Assert.Equal("live", live.Data.GetProperty("mode").GetString());
        Assert.StartsWith("sk_test_", test.Body.GetProperty("key").GetString());
        Assert.Equal("test", test.Data.GetProperty("mode").GetString());
        Assert.Equal(14, test.Data.GetProperty("prefix").GetString()!.Length);

        var keys = (await merchant.Api.GetAsync("me")).AssertOk().Data.GetProperty("user").GetProperty("api_keys").EnumerateArray()
            .Select(k => (k.GetProperty("label").GetString(), k.GetProperty("mode").GetString())).ToList();
        Assert.Equal([("Shop", "live"), ("Dev", "test")], keys);

        (await merchant.Api.PostAsync("generate_api_key", ("label", "Bad"), ("mode", "sandbox"))).AssertError(HttpStatusCode.BadRequest, "invalid_mode");
    }

    [Fact]
    public async Task AKeyMadeBeforeModesStaysLive()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        // As every key was made before this change: sk_ and 40 characters, no mode in the key, live by the column's default.
        var old = "sk_" + new string('a', 20) + Guid.NewGuid().ToString("N")[..20];
        await app.WithDbAsync(db => db.ApiKeys.Where(k => k.MerchantId == db.Users.Single(u => u.PublicId == merchant.PublicId).Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.KeyHash, Web.Features.Common.Ids.Sha256Hex(old)).SetProperty(k => k.Prefix, old[..10])));
        Assert.NotNull(key);

        var started = (await app.NewApi().PostAsync("api_stk", ("api_key", old), ("phone", TestPhones.Random()), ("amount", "12"))).AssertOk();
        var id = started.Data.GetProperty("transaction_id").GetString()!;
        Assert.True((await merchant.WaitForFinalAsync(id)).GetProperty("livemode").GetBoolean());
        Assert.Equal("live", (await app.NewApi().GetAsync("me", ("api_key", old))).AssertOk().Data.GetProperty("user")
            .GetProperty("api_keys")[0].GetProperty("mode").GetString());
    }

    [Fact]
    public async Task TestAndLiveTransactionsNeverMix()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var live = await merchant.GenerateKeyAsync("Shop till");
        var test = await merchant.GenerateTestKeyAsync("Dev sandbox");

        var liveId = await PushAsync(live, "21");
        var testId = await PushAsync(test, "22");
        Assert.True((await merchant.WaitForFinalAsync(liveId, apiKey: live)).GetProperty("livemode").GetBoolean());
        var settled = await merchant.WaitForFinalAsync(testId, apiKey: test);
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.False(settled.GetProperty("livemode").GetBoolean());

        Assert.Equal([liveId], await ListedAsync(("api_key", live)));
        Assert.Equal([testId], await ListedAsync(("api_key", test)));
        (await app.NewApi().GetAsync("transaction", ("api_key", live), ("transaction_id", testId))).AssertError(HttpStatusCode.NotFound, "transaction_not_found");
        (await app.NewApi().GetAsync("transaction", ("api_key", test), ("transaction_id", liveId))).AssertError(HttpStatusCode.NotFound, "transaction_not_found");

        // Signed in, the dashboard's data is live until its "Test data" switch is on; then every page and the
        // session's own actions show test data, under the band.
        Assert.Equal([liveId], await ListedAsync(merchant.Api));
        Assert.DoesNotContain("test-data-banner", await merchant.Api.Http.GetStringAsync("/Transactions"));
        using (var on = await FormPage.PostFormAsync(merchant.Api.Http, "/Transactions", "/TestData", ("on", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        }

        Assert.Equal([testId], await ListedAsync(merchant.Api));
        var testPage = await merchant.Api.Http.GetStringAsync("/Transactions");
        Assert.Contains("test-data-banner", testPage);
        Assert.Contains(testId, testPage);
        Assert.DoesNotContain(liveId, testPage);
        Assert.Contains(testId, await merchant.Api.Http.GetStringAsync("/Transactions?handler=Csv"));
        Assert.Contains("KES 22", System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard")));
        await WaitForLogsAsync(test, 1);
        await WaitForLogsAsync(live, 1);
        var testLog = await merchant.Api.Http.GetStringAsync("/Logs");
        Assert.Contains("Dev sandbox", testLog);
        Assert.DoesNotContain("Shop till", testLog);
        // Billing, API keys, statements and unmatched menu payments stay live whatever the switch says.
        foreach (var alwaysLive in new[] { "/Billing", "/ApiKeys", "/Unmatched", "/Statements" })
        {
            Assert.DoesNotContain("test-data-banner", await merchant.Api.Http.GetStringAsync(alwaysLive));
        }

        using (var off = await FormPage.PostFormAsync(merchant.Api.Http, "/Transactions", "/TestData", ("on", "false")))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        Assert.Equal([liveId], await ListedAsync(merchant.Api));
        Assert.DoesNotContain("KES 22", System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard")));
        var liveLog = await merchant.Api.Http.GetStringAsync("/Logs");
        Assert.Contains("Shop till", liveLog);
        Assert.DoesNotContain("Dev sandbox", liveLog);

        // Accounts and links are shared: the test key sees and pays into the same account.
        Assert.Equal(
            (await app.NewApi().GetAsync("me", ("api_key", live))).AssertOk().Data.GetProperty("user").GetProperty("payment_accounts").GetRawText(),
            (await app.NewApi().GetAsync("me", ("api_key", test))).AssertOk().Data.GetProperty("user").GetProperty("payment_accounts").GetRawText());

        // The day's figures are kept apart too.
        var totals = await app.WithDbAsync(db => db.PaymentDayTotals
            .Where(d => d.MerchantId == db.Users.Single(u => u.PublicId == merchant.PublicId).Id && d.Status == "succeeded")
            .GroupBy(d => d.Livemode).Select(g => new { Livemode = g.Key, Amount = g.Sum(d => d.Amount) }).ToListAsync());
        Assert.Equal(21, totals.Single(t => t.Livemode).Amount);
        Assert.Equal(22, totals.Single(t => !t.Livemode).Amount);
    }

    [Fact]
    public async Task WebhooksHearOnlyTheirOwnModeAndEventsSayWhichItIs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var live = await merchant.GenerateKeyAsync();
        var test = await merchant.GenerateTestKeyAsync();
        var liveHook = (await app.NewApi().PostAsync("save_webhook", ("api_key", live), ("url", receiver.Url("live")))).AssertOk()
            .Data.GetProperty("webhook").GetProperty("id").GetString();
        var testHook = (await app.NewApi().PostAsync("save_webhook", ("api_key", test), ("url", receiver.Url("test")))).AssertOk()
            .Data.GetProperty("webhook").GetProperty("id").GetString();

        Assert.Equal([liveHook], await HookIdsAsync(live));
        Assert.Equal([testHook], await HookIdsAsync(test));
        // Nor can a key change or delete the other mode's endpoint.
        (await app.NewApi().PostAsync("delete_webhook", ("api_key", test), ("webhook_id", liveHook))).AssertError(HttpStatusCode.NotFound, "webhook_not_found");
        (await app.NewApi().PostAsync("save_webhook", ("api_key", live), ("webhook_id", testHook), ("url", receiver.Url("x"))))
            .AssertError(HttpStatusCode.NotFound, "webhook_not_found");

        var testId = await PushAsync(test, "31");
        await merchant.WaitForFinalAsync(testId, apiKey: test);
        var received = await receiver.WaitForAsync("test", 1);
        using var body = JsonDocument.Parse(received[0].Body);
        Assert.False(body.RootElement.GetProperty("livemode").GetBoolean());
        Assert.False(body.RootElement.GetProperty("data").GetProperty("transaction").GetProperty("livemode").GetBoolean());

        var liveId = await PushAsync(live, "32");
        await merchant.WaitForFinalAsync(liveId, apiKey: live);
        var liveReceived = await receiver.WaitForAsync("live", 1);
        using var liveBody = JsonDocument.Parse(liveReceived[0].Body);
        Assert.True(liveBody.RootElement.GetProperty("livemode").GetBoolean());
        Assert.Equal(liveId, liveBody.RootElement.GetProperty("data").GetProperty("transaction").GetProperty("id").GetString());
        // Neither endpoint heard the other mode's payment.
        Assert.Single(await receiver.WaitForAsync("test", 1));

        var deliveries = (await app.NewApi().GetAsync("webhook_deliveries", ("api_key", live))).AssertOk().Data.GetProperty("deliveries")
            .EnumerateArray().Select(d => d.GetProperty("webhook_id").GetString()).Distinct().ToList();
        Assert.Equal([liveHook], deliveries);
        var testDelivery = (await app.NewApi().GetAsync("webhook_deliveries", ("api_key", test))).AssertOk().Data.GetProperty("deliveries")[0]
            .GetProperty("id").GetString()!;
        (await app.NewApi().PostAsync("redeliver_webhook", ("api_key", live), ("delivery_id", testDelivery))).AssertError(HttpStatusCode.NotFound, "delivery_not_found");
    }

    [Fact]
    public async Task AnIdempotencyKeyAndTheRequestLogBelongToTheirMode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var live = await merchant.GenerateKeyAsync();
        var test = await merchant.GenerateTestKeyAsync();
        var phone = TestPhones.Random();

        var first = (await app.NewApi().PostAsync("api_stk", ("api_key", test), ("phone", phone), ("amount", "41"), ("idempotency_key", "order-7")))
            .AssertOk().Data.GetProperty("transaction_id").GetString();
        var other = (await app.NewApi().PostAsync("api_stk", ("api_key", live), ("phone", phone), ("amount", "41"), ("idempotency_key", "order-7")))
            .AssertOk().Data.GetProperty("transaction_id").GetString();
        Assert.NotEqual(first, other);

        var logged = await WaitForLogsAsync(test, 1);
        Assert.All(logged, l => Assert.StartsWith("sk_test_", l.GetProperty("key_prefix").GetString()));
        Assert.All(await WaitForLogsAsync(live, 1), l => Assert.StartsWith("sk_live_", l.GetProperty("key_prefix").GetString()));
    }

    [Fact]
    public async Task ATestKeyCannotReachLiveDataOrMPesaThroughTheSharedActions()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var test = await merchant.GenerateTestKeyAsync();

        // Making a live key would hand a test key's holder live access; the rest change live data or reach M-Pesa.
        (await app.NewApi().PostAsync("generate_api_key", ("api_key", test), ("label", "Escalate"))).AssertError(HttpStatusCode.Forbidden, "live_mode_only");
        (await app.NewApi().PostAsync("renew_subscription", ("api_key", test), ("phone", TestPhones.Random()))).AssertError(HttpStatusCode.Forbidden, "live_mode_only");
        (await app.NewApi().PostAsync("simulate_c2b", ("api_key", test), ("phone", TestPhones.Random()), ("amount", "10"))).AssertError(HttpStatusCode.Forbidden, "live_mode_only");
        (await app.NewApi().PostAsync("register_c2b_urls", ("api_key", test), ("payment_id", "#00001"))).AssertError(HttpStatusCode.Forbidden, "live_mode_only");
        var another = (await app.NewApi().PostAsync("generate_api_key", ("api_key", test), ("label", "Second test"), ("mode", "test"))).AssertOk();
        Assert.StartsWith("sk_test_", another.Body.GetProperty("key").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.AllTransactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId))));
    }

    [Fact]
    public async Task AMerchantViewingTestDataStillPaysAnotherMerchantsLinkLive()
    {
        var shop = await TestMerchant.RegisterAsync(app);
        await shop.AddAccountAsync();
        var lid = (await shop.Api.PostAsync("create_link", ("title", "Sukari"), ("amount", "55"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var buyer = await TestMerchant.RegisterAsync(app);
        using (var on = await FormPage.PostFormAsync(buyer.Api.Http, "/Transactions", "/TestData", ("on", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        }

        var phone = TestPhones.Random();
        var id = (await buyer.Api.PostAsync("pay_from_link", ("uid", shop.PublicId), ("lid", lid), ("phone", phone))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        // The duplicate guard reads the live payment although the request is in test mode.
        (await buyer.Api.PostAsync("pay_from_link", ("uid", shop.PublicId), ("lid", lid), ("phone", phone))).AssertError(HttpStatusCode.Conflict, "duplicate_pending");
        var settled = await shop.WaitForFinalAsync(id);
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.True(settled.GetProperty("livemode").GetBoolean());
    }

    [Fact]
    public async Task OnlyTheLinksOwnMerchantCanTryItInTestMode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "70"))).AssertOk()
            .Data.GetProperty("link_id").GetString()!;
        var other = await TestMerchant.RegisterAsync(app);
        using var stranger = app.NewClient();

        Assert.DoesNotContain("test-mode-notice", await stranger.GetStringAsync($"/pay/{lid}?mode=test"));
        Assert.DoesNotContain("test-mode-notice", await other.Api.Http.GetStringAsync($"/pay/{lid}?mode=test"));
        Assert.Contains("test-mode-notice", await merchant.Api.Http.GetStringAsync($"/pay/{lid}?mode=test"));

        foreach (var http in new[] { stranger, other.Api.Http, merchant.Api.Http })
        {
            using var paid = await FormPage.PostAsync(http, $"/pay/{lid}?mode=test", ("Phone", TestPhones.Random()));
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        var modes = await app.WithDbAsync(db => db.Transactions.Where(t => t.LinkPublicId == lid).OrderBy(t => t.Id).Select(t => t.Livemode).ToListAsync());
        Assert.Equal([true, true, false], modes);
    }

    private async Task<string> PushAsync(string key, string amount) =>
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", amount))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;

    private Task<List<string?>> ListedAsync(params (string Name, string Value)[] auth) => ListedAsync(app.NewApi(), auth);

    private static async Task<List<string?>> ListedAsync(ApiClient api, params (string Name, string Value)[] auth) =>
        [.. (await api.GetAsync("transactions", auth)).AssertOk().Data.GetProperty("transactions").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString())];

    private async Task<List<string?>> HookIdsAsync(string key) =>
        [.. (await app.NewApi().GetAsync("webhooks", ("api_key", key))).AssertOk().Data.GetProperty("webhooks").EnumerateArray()
            .Select(w => w.GetProperty("id").GetString())];

    /// <summary>The key's mode's request log once it holds <paramref name="count"/> api_stk entries (it is written off the request).</summary>
    private async Task<List<JsonElement>> WaitForLogsAsync(string key, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var logs = (await app.NewApi().PostAsync("request_logs", ("api_key", key))).AssertOk().Data.GetProperty("requests")
                .EnumerateArray().Where(e => e.GetProperty("action").GetString() == "api_stk").Select(e => e.Clone()).ToList();
            if (logs.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, logs.Count);
                return logs;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteTestModeTests(SqliteApp app) : TestModeTests<SqliteApp>(app);

public sealed class PostgresTestModeTests(PostgresApp app) : TestModeTests<PostgresApp>(app);

/// <summary>The portal against a Daraja it can never reach (Sandbox mode, nothing listening at its base URL).</summary>
public class UnreachableDarajaApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Mode"] = "Sandbox",
        ["Mpesa:BaseUrl"] = "http://127.0.0.1:9/",
        ["Mpesa:ConsumerKey"] = "portal-key",
        ["Mpesa:ConsumerSecret"] = "portal-secret",
        ["Mpesa:Passkey"] = "portal-passkey",
        ["Mpesa:ShortCode"] = "600111",
        ["Mpesa:TimeoutSeconds"] = "5",
        ["Mpesa:QueryTimeoutSeconds"] = "5",
        // No callback can come back here, so the reconciler's STK query (asked of the simulator) settles test payments.
        ["App:PublicBaseUrl"] = "http://portal.invalid",
    };
}

public sealed class SqliteUnreachableDarajaApp() : UnreachableDarajaApp(DatabaseProvider.Sqlite);

public sealed class PostgresUnreachableDarajaApp() : UnreachableDarajaApp(DatabaseProvider.Postgres);

/// <summary>A test payment never reaches Daraja, whatever Mpesa:Mode says: it is the built-in simulator's.</summary>
public abstract class TestModeNeverReachesDarajaTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : UnreachableDarajaApp
{
    [Fact]
    public async Task ATestKeyPaysThroughTheSimulatorWhileALiveKeyCannotReachDaraja()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        // The portal's own shortcode: a live push to it needs nothing more than the portal's app (Daraja's live rules).
        await merchant.AddAccountAsync(number: "600111");
        var live = await merchant.GenerateKeyAsync();
        var test = await merchant.GenerateTestKeyAsync();

        var started = (await app.NewApi().PostAsync("api_stk", ("api_key", test), ("phone", TestPhones.Random()), ("amount", "15"))).AssertOk();
        var id = started.Data.GetProperty("transaction_id").GetString()!;
        var settled = await merchant.WaitForFinalAsync(id, seconds: 30, apiKey: test);
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.False(settled.GetProperty("livemode").GetBoolean());

        var refused = await app.NewApi().PostAsync("api_stk", ("api_key", live), ("phone", TestPhones.Random()), ("amount", "16"));
        Assert.False(refused.Ok);
        Assert.Contains(refused.Code, new[] { "mpesa_unavailable", "mpesa_rejected" });

        // The Developers page gives the simulator's numbers for test mode even though live payments are Daraja's.
        var developers = System.Net.WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Developers"));
        Assert.Contains("Payments made with a test key (sk_test_…)", developers);
        Assert.Contains("id=\"test-phones\"", developers);
    }
}

public sealed class SqliteTestModeNeverReachesDarajaTests(SqliteUnreachableDarajaApp app)
    : TestModeNeverReachesDarajaTests<SqliteUnreachableDarajaApp>(app);

public sealed class PostgresTestModeNeverReachesDarajaTests(PostgresUnreachableDarajaApp app)
    : TestModeNeverReachesDarajaTests<PostgresUnreachableDarajaApp>(app);
