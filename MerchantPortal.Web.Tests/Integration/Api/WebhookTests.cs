using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>Webhooks retried quickly, so a test sees the whole schedule.</summary>
public class FastWebhookApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:RetryDelaysSeconds:0"] = "0.2",
    };
}

public sealed class SqliteFastWebhookApp() : FastWebhookApp(DatabaseProvider.Sqlite);

public sealed class PostgresFastWebhookApp() : FastWebhookApp(DatabaseProvider.Postgres);

public abstract class WebhookTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FastWebhookApp
{
    [Fact]
    public async Task AReceiverThatFailsTwiceGetsTheEventThreeTimesWithOneIdAndValidSignatures()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer("a", 500, 503);
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var saved = (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("a")))).AssertOk();
        var secret = saved.Data.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "90"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var calls = await receiver.WaitForAsync("a", 3);

        Assert.Equal(3, calls.Count);
        var events = calls.Select(c => JsonDocument.Parse(c.Body).RootElement).ToList();
        Assert.Single(events.Select(e => e.GetProperty("id").GetString()).Distinct());
        Assert.StartsWith("evt_", events[0].GetProperty("id").GetString());
        Assert.Equal("transaction.succeeded", events[0].GetProperty("type").GetString());
        Assert.Equal(id, events[0].GetProperty("data").GetProperty("transaction").GetProperty("id").GetString());
        Assert.All(calls, c => Assert.True(WebhookSigning.Verify(secret, c.Signature, c.Body, DateTimeOffset.UtcNow), c.Signature));
        Assert.False(WebhookSigning.Verify(secret, calls[0].Signature, calls[0].Body + " ", DateTimeOffset.UtcNow));

        // The receiver has the request a moment before the dispatcher records the answer.
        var deliveries = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries");
        for (var i = 0; i < 50 && deliveries[0].GetProperty("status").GetString() != "delivered"; i++)
        {
            await Task.Delay(100);
            deliveries = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries");
        }

        var delivery = Assert.Single(deliveries.EnumerateArray());
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.DoesNotContain(secret, (await merchant.Api.GetAsync("webhooks")).Text);
    }

    [Fact]
    public async Task ADuplicateCallbackRaisesOneEventAndFiltersAndLinkPaidAreHonoured()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("all")))).AssertOk();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("cancels")), ("events", "transaction.cancelled"))).AssertOk();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Hook"), ("amount", "20"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        var id = (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", "0708000006"), ("amount", "20")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var calls = await receiver.WaitForAsync("all", 2);
        await Task.Delay(500);

        var types = receiver.For("all").Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal(["link.paid", "transaction.succeeded"], types);
        Assert.Empty(receiver.For("cancels"));
    }

    [Fact]
    public async Task AnAnswerThatIsNotRetryableIsFinalAndARedeliverySendsTheSameEventAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer("strict", 400);
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("strict")))).AssertOk();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000001"), ("amount", "12"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        await receiver.WaitForAsync("strict", 1);
        var delivery = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries")[0];
        for (var i = 0; i < 50 && delivery.GetProperty("status").GetString() == "pending"; i++)
        {
            await Task.Delay(100);
            delivery = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries")[0];
        }

        await Task.Delay(600);
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(400, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Single(receiver.For("strict"));

        (await merchant.Api.PostAsync("redeliver_webhook", ("delivery_id", delivery.GetProperty("id").GetString()))).AssertOk();
        var calls = await receiver.WaitForAsync("strict", 2);
        Assert.Equal(JsonDocument.Parse(calls[0].Body).RootElement.GetProperty("id").GetString(), JsonDocument.Parse(calls[1].Body).RootElement.GetProperty("id").GetString());
        Assert.Equal("transaction.cancelled", JsonDocument.Parse(calls[1].Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task WebhooksAreTheMerchantsOwnAndBadInputIsRefused()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var hook = (await owner.Api.PostAsync("save_webhook", ("url", "https://example.com/hooks"))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;

        (await other.Api.PostAsync("delete_webhook", ("webhook_id", hook))).AssertError(HttpStatusCode.NotFound, "webhook_not_found");
        (await other.Api.PostAsync("save_webhook", ("webhook_id", hook), ("url", "https://evil.example/"))).AssertError(HttpStatusCode.NotFound, "webhook_not_found");
        Assert.Equal(0, (await other.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());
        (await owner.Api.PostAsync("save_webhook", ("url", "ftp://example.com/"))).AssertError(HttpStatusCode.BadRequest, "invalid_url");
        (await owner.Api.PostAsync("save_webhook", ("url", "https://example.com/"), ("events", "transaction.eaten"))).AssertError(HttpStatusCode.BadRequest, "invalid_events");
        var rolled = (await owner.Api.PostAsync("save_webhook", ("webhook_id", hook), ("roll_secret", "1"))).AssertOk();
        Assert.StartsWith("whsec_", rolled.Data.GetProperty("secret").GetString());
        (await owner.Api.PostAsync("delete_webhook", ("webhook_id", hook))).AssertOk();
    }
}

public sealed class SqliteWebhookTests(SqliteFastWebhookApp app) : WebhookTests<SqliteFastWebhookApp>(app);

public sealed class PostgresWebhookTests(PostgresFastWebhookApp app) : WebhookTests<PostgresFastWebhookApp>(app);
