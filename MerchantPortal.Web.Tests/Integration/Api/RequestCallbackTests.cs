using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>api_stk's per-request callback_url: the payment's final event through the same outbox and dispatcher.</summary>
public abstract class RequestCallbackTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FastWebhookApp
{
    [Fact]
    public async Task TheCallbackUrlGetsTheFinalEventSignedWithTheMerchantsCallbackSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var endpointSecret = (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")))).AssertOk().Data.GetProperty("secret").GetString()!;
        var callbackUrl = receiver.Url("callback");

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000001"), ("amount", "64"), ("callback_url", callbackUrl)))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var final = await merchant.WaitForFinalAsync(id);
        var call = Assert.Single(await receiver.WaitForAsync("callback", 1));
        var endpointCall = Assert.Single(await receiver.WaitForAsync("endpoint", 1));

        Assert.Equal(callbackUrl, final.GetProperty("callback_url").GetString());
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("transaction.cancelled", body.GetProperty("type").GetString());
        Assert.Equal(WebhookEvents.ApiVersion, body.GetProperty("api_version").GetString());
        Assert.True(body.GetProperty("created_at").GetInt64() > 0);
        Assert.Equal(id, body.GetProperty("data").GetProperty("transaction").GetProperty("id").GetString());
        Assert.Equal(callbackUrl, body.GetProperty("data").GetProperty("transaction").GetProperty("callback_url").GetString());
        // One event, two destinations: the same id and bytes, each signed with its own secret.
        Assert.Equal(endpointCall.Body, call.Body);
        var callbackSecret = await merchant.RequestCallbackSecretAsync();
        Assert.NotEqual(endpointSecret, callbackSecret);
        Assert.True(WebhookSigning.Verify(callbackSecret, call.Signature, call.Body, DateTimeOffset.UtcNow), call.Signature);
        Assert.False(WebhookSigning.Verify(endpointSecret, call.Signature, call.Body, DateTimeOffset.UtcNow));

        var delivery = await WaitForDeliveredAsync(merchant, d => d.GetProperty("webhook_id").ValueKind == JsonValueKind.Null);
        Assert.Equal(callbackUrl, delivery.GetProperty("url").GetString());
        Assert.Equal(body.GetProperty("id").GetString(), delivery.GetProperty("event_id").GetString());
        var stored = await app.WithDbAsync(db => db.RequestCallbackSecrets.AsNoTracking()
            .Join(db.Users.Where(u => u.PublicId == merchant.PublicId), s => s.MerchantId, u => u.Id, (s, _) => s.SecretProtected).SingleAsync());
        Assert.DoesNotContain(callbackSecret, stored);
    }

    [Fact]
    public async Task AFailingCallbackUrlIsRetriedWithOneEventIdAndCanBeResent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer("flaky", 503);
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "65"), ("callback_url", receiver.Url("flaky"))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        await receiver.WaitForAsync("flaky", 2);
        var delivery = await WaitForDeliveredAsync(merchant, _ => true);

        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("transaction.succeeded", delivery.GetProperty("type").GetString());
        (await merchant.Api.PostAsync("redeliver_webhook", ("delivery_id", delivery.GetProperty("id").GetString()))).AssertOk();
        var calls = await receiver.WaitForAsync("flaky", 3);
        Assert.Equal(3, calls.Count);
        Assert.Single(calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("id").GetString()).Distinct());
        var secret = await merchant.RequestCallbackSecretAsync();
        Assert.All(calls, c => Assert.True(WebhookSigning.Verify(secret, c.Signature, c.Body, DateTimeOffset.UtcNow)));
    }

    [Theory]
    [InlineData("ftp://example.com/cb", "callback_url must be an http:// or https:// URL.")]
    [InlineData("/relative/cb", "callback_url must be an http:// or https:// URL.")]
    [InlineData("https://example.com/\"><script>", "callback_url must be an http:// or https:// URL.")]
    public async Task ABadCallbackUrlIsRefusedBeforeAnyPush(string callbackUrl, string message)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "66"), ("callback_url", callbackUrl)))
            .AssertError(HttpStatusCode.BadRequest, "invalid_callback_url");

        Assert.Equal(message, refused.Body.GetProperty("errors").GetProperty("callback_url").GetString());
        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
        Assert.DoesNotContain(app.Simulator.Sessions, s => s.PhoneNumber == "254" + phone[1..]);
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "66"), ("callback_url", "https://example.com/" + new string('a', 490))))
            .AssertError(HttpStatusCode.BadRequest, "invalid_callback_url");
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithAnotherCallbackUrlIsAConflict()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();

        var first = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "67"), ("callback_url", "https://example.com/a"), ("idempotency_key", "cb-1"))).AssertOk();
        var replay = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "67"), ("callback_url", "https://example.com/a"), ("idempotency_key", "cb-1"))).AssertOk();

        Assert.Equal(first.Data.GetProperty("transaction_id").GetString(), replay.Data.GetProperty("transaction_id").GetString());
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "67"), ("callback_url", "https://example.com/b"), ("idempotency_key", "cb-1")))
            .AssertError(HttpStatusCode.Conflict, "idempotency_key_reused");
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "67"), ("idempotency_key", "cb-1")))
            .AssertError(HttpStatusCode.Conflict, "idempotency_key_reused");
    }

    /// <summary>The receiver has the request a moment before the dispatcher records the answer.</summary>
    private static async Task<JsonElement> WaitForDeliveredAsync(TestMerchant merchant, Func<JsonElement, bool> which)
    {
        for (var i = 0; ; i++)
        {
            var deliveries = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries").EnumerateArray().Where(which).ToList();
            if (deliveries.Count > 0 && (deliveries[^1].GetProperty("status").GetString() == "delivered" || i == 100))
            {
                Assert.Equal("delivered", deliveries[^1].GetProperty("status").GetString());
                return deliveries[^1];
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteRequestCallbackTests(SqliteFastWebhookApp app) : RequestCallbackTests<SqliteFastWebhookApp>(app);

public sealed class PostgresRequestCallbackTests(PostgresFastWebhookApp app) : RequestCallbackTests<PostgresFastWebhookApp>(app);
