using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The SSRF guard on, as in production: one attempt per delivery so a refused one is not retried during the test.</summary>
public class GuardedWebhookApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworks"] = "false",
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:RetryDelaysSeconds:0"] = "600",
    };
}

public sealed class SqliteGuardedWebhookApp() : GuardedWebhookApp(DatabaseProvider.Sqlite);

public sealed class PostgresGuardedWebhookApp() : GuardedWebhookApp(DatabaseProvider.Postgres);

public abstract class PrivateNetworkGuardTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : GuardedWebhookApp
{
    /// <summary>A documentation address (TEST-NET-3): public, and never contacted by these tests.</summary>
    private const string PublicUrl = "https://203.0.113.10/hooks";

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://172.20.1.1/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://100.64.1.1/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:192.168.1.1]/hook")]
    [InlineData("http://2130706433/hook")]
    public async Task RefusesToSaveAWebhookThatPointsIntoAPrivateNetwork(string url)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var refused = (await merchant.Api.PostAsync("save_webhook", ("url", url))).AssertError(HttpStatusCode.BadRequest, "invalid_url");

        Assert.Contains("must be a public address", refused.Body.GetProperty("errors").GetProperty("url").GetString());
        Assert.Equal(0, (await merchant.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());
    }

    [Fact]
    public async Task APublicUrlIsSavedAndCannotBeMovedIntoAPrivateNetworkLaterOrFromThePage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var hook = (await merchant.Api.PostAsync("save_webhook", ("url", PublicUrl))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;

        (await merchant.Api.PostAsync("save_webhook", ("webhook_id", hook), ("url", "http://127.0.0.1/x"))).AssertError(HttpStatusCode.BadRequest, "invalid_url");
        using var page = await FormPage.PostFormAsync(merchant.Api.Http, "/Webhooks", "handler=Add", ("EndpointUrl", "http://localhost:5080/hook"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The endpoint URL must be a public address: localhost resolves to", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        var webhook = Assert.Single((await merchant.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(PublicUrl, webhook.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ANameThatLaterPointsIntoAPrivateNetworkIsRefusedAtDeliveryAndTheAttemptSaysWhy()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var hook = (await merchant.Api.PostAsync("save_webhook", ("url", PublicUrl))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;
        // As if the saved name had been re-pointed at the portal's own network after the save-time check (DNS rebinding).
        await app.WithDbAsync(db => db.WebhookEndpoints.Where(w => w.PublicId == hook)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Url, receiver.Url("inside"))));

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "41"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var delivery = await WaitForAttemptAsync(merchant);

        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("last_status_code").ValueKind);
        Assert.StartsWith("Refused to connect: 127.0.0.1 is in a private, loopback or link-local network", delivery.GetProperty("last_response").GetString());
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task RefusesACallbackUrlIntoAPrivateNetworkBeforeAnyPush()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "42"), ("callback_url", "http://192.168.1.10/cb")))
            .AssertError(HttpStatusCode.BadRequest, "invalid_callback_url");

        Assert.Equal("callback_url must be a public address: 192.168.1.10 is in a private, loopback or link-local network.",
            refused.Body.GetProperty("errors").GetProperty("callback_url").GetString());
        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task ACallbackUrlThatLaterPointsIntoAPrivateNetworkIsRefusedAtDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        // 0708000005 is settled only by the reconciler's query, a second later: time to re-point the saved URL.
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "43"), ("callback_url", PublicUrl)))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CallbackUrl, receiver.Url("inside"))));
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString());
        var delivery = await WaitForAttemptAsync(merchant);

        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("webhook_id").ValueKind);
        Assert.StartsWith("Refused to connect: 127.0.0.1 is in a private, loopback or link-local network", delivery.GetProperty("last_response").GetString());
        Assert.Empty(receiver.Received);
    }

    private static async Task<JsonElement> WaitForAttemptAsync(TestMerchant merchant)
    {
        for (var i = 0; ; i++)
        {
            var deliveries = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries");
            if ((deliveries.GetArrayLength() > 0 && deliveries[0].GetProperty("attempts").GetInt32() > 0) || i == 100)
            {
                return deliveries[0];
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqlitePrivateNetworkGuardTests(SqliteGuardedWebhookApp app) : PrivateNetworkGuardTests<SqliteGuardedWebhookApp>(app);

public sealed class PostgresPrivateNetworkGuardTests(PostgresGuardedWebhookApp app) : PrivateNetworkGuardTests<PostgresGuardedWebhookApp>(app);
