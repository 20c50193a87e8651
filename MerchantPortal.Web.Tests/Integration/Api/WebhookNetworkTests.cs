using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The guard as a fresh clone has it: the simulator, and Webhooks:AllowPrivateNetworks unset.</summary>
public abstract class WebhookNetworkTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FastWebhookApp
{
    [Theory]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://100.64.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    public async Task WithTheSimulatorOnlyLoopbackOfThePrivateNetworksIsAllowed(string url)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("local")))).AssertOk();
        var refused = (await merchant.Api.PostAsync("save_webhook", ("url", url))).AssertError(HttpStatusCode.BadRequest, "invalid_url");

        Assert.Contains("must be a public address", refused.Body.GetProperty("errors").GetProperty("url").GetString());
        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "15"), ("callback_url", url)))
            .AssertError(HttpStatusCode.BadRequest, "invalid_callback_url");
    }

    [Fact]
    public async Task ARedirectIsNotFollowedButRecordedAsTheAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RedirectTo("moved", receiver.Url("inside"));
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("moved")))).AssertOk();

        await PayAsync(merchant);
        var delivery = await WaitForFinalDeliveryAsync(merchant);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(302, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Single(receiver.For("moved"));
        Assert.Empty(receiver.For("inside"));
    }

    [Fact]
    public async Task WhatALoopbackReceiverAnswersIsNeitherStoredNorShown()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("local")))).AssertOk();

        await PayAsync(merchant);
        var delivery = await WaitForFinalDeliveryAsync(merchant);
        var deliveryId = delivery.GetProperty("id").GetString();
        var stored = await app.WithDbAsync(db => Task.FromResult(db.WebhookDeliveries.Single(d => d.PublicId == deliveryId).LastResponse));

        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(WebhookDeliverySender.PrivateAnswer, delivery.GetProperty("last_response").GetString());
        Assert.Equal(WebhookDeliverySender.PrivateAnswer, stored);
        Assert.DoesNotContain(">ok<", await merchant.Api.Http.GetStringAsync("/Webhooks", TestContext.Current.CancellationToken));
    }

    private static async Task PayAsync(TestMerchant merchant)
    {
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "16"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
    }

    private static async Task<JsonElement> WaitForFinalDeliveryAsync(TestMerchant merchant)
    {
        for (var i = 0; ; i++)
        {
            var deliveries = (await merchant.Api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries");
            if ((deliveries.GetArrayLength() > 0 && deliveries[0].GetProperty("status").GetString() != "pending") || i == 150)
            {
                return deliveries[0];
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteWebhookNetworkTests(SqliteFastWebhookApp app) : WebhookNetworkTests<SqliteFastWebhookApp>(app);

public sealed class PostgresWebhookNetworkTests(PostgresFastWebhookApp app) : WebhookNetworkTests<PostgresFastWebhookApp>(app);
