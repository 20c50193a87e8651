using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Integration.Api;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class WebhookPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FastWebhookApp
{
    [Fact]
    public async Task AMerchantAddsAWebhookSeesTheSecretOnceAndSeesAndResendsDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var http = merchant.Api.Http;

        using var added = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Add", ("EndpointUrl", receiver.Url("page")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await http.GetStringAsync("/Webhooks");
        var secret = Regex.Match(page, "id=\"new-secret\" readonly value=\"(whsec_[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("whsec_", secret);
        Assert.DoesNotContain(secret, await http.GetStringAsync("/Webhooks"));

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "33"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        for (var i = 0; i < 100 && receiver.For("page").Count == 0; i++)
        {
            await Task.Delay(100);
        }

        // The receiver has the request a moment before the dispatcher records the answer.
        for (var i = 0; i < 50 && !page.Contains(">delivered<", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = await http.GetStringAsync("/Webhooks");
        }

        Assert.Contains("transaction.succeeded", page);
        Assert.Contains("delivered", page);
        using var resent = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Resend", []);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        for (var i = 0; i < 100 && receiver.For("page").Count < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, receiver.For("page").Count);
    }

    [Fact]
    public async Task TheRequestCallbackSecretIsShownRolledAndUsedForLaterCallbacksWhichAreListedWithTheirUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var before = await merchant.RequestCallbackSecretAsync();
        Assert.Equal(before, await merchant.RequestCallbackSecretAsync());
        Assert.NotEqual(before, await other.RequestCallbackSecretAsync());

        using var rolled = await FormPage.PostFormAsync(merchant.Api.Http, "/Webhooks", "handler=RollCallbackSecret", []);
        Assert.Equal(HttpStatusCode.Redirect, rolled.StatusCode);
        var after = await merchant.RequestCallbackSecretAsync();
        Assert.NotEqual(before, after);

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "34"), ("callback_url", receiver.Url("own"))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var call = Assert.Single(await receiver.WaitForAsync("own", 1));
        Assert.True(WebhookSigning.Verify(after, call.Signature, call.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSigning.Verify(before, call.Signature, call.Body, DateTimeOffset.UtcNow));
        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Webhooks"));
        Assert.Contains("callback_url " + receiver.Url("own"), page);
        Assert.Contains(receiver.Url("own"), WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id)));
    }

    [Fact]
    public async Task ConcurrentFirstViewsAgreeOnOneRequestCallbackSecretAndThePageIsNotCached()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var secrets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => merchant.RequestCallbackSecretAsync()));

        Assert.Single(secrets.Distinct());
        using var page = await merchant.Api.Http.GetAsync("/Webhooks");
        Assert.True(page.Headers.CacheControl?.NoStore, "The page with the secret must not be cached.");
    }

    [Fact]
    public async Task RollingTheRequestCallbackSecretNeedsTheAntiforgeryToken()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var secret = await merchant.RequestCallbackSecretAsync();

        using var forged = await merchant.Api.Http.PostAsync("/Webhooks?handler=RollCallbackSecret", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(secret, await merchant.RequestCallbackSecretAsync());
    }

    [Fact]
    public async Task AnEndpointTurnedOffAfterFailingIsShownOnTheDashboard()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var hook = (await merchant.Api.PostAsync("save_webhook", ("url", "https://example.com/dead"))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;
        await app.WithDbAsync(db => db.WebhookEndpoints.Where(w => w.PublicId == hook).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Enabled, false)
            .SetProperty(w => w.FailingSince, DateTimeOffset.UtcNow.AddDays(-3))
            .SetProperty(w => w.DisabledReason, "Disabled after failing for 72 hours.")));

        var dashboard = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard"));
        Assert.Contains("https://example.com/dead kept failing and has been turned off", dashboard);
        Assert.Contains("Disabled after failing for 72 hours.", WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Webhooks")));
    }

    [Fact]
    public async Task ATestEventReachesTheEndpointSignedWithItsSecretAndIsListedUnderDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        var http = merchant.Api.Http;
        using var added = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Add",
            ("EndpointUrl", receiver.Url("tested")), ("Events", WebhookEvents.LinkPaid));
        var secret = Regex.Match(await http.GetStringAsync("/Webhooks"), "id=\"new-secret\" readonly value=\"(whsec_[^\"]+)\"").Groups[1].Value;

        using var sent = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Test", []);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        // Sent although the endpoint asked only for link.paid: a test goes to the endpoint it was asked for.
        var call = Assert.Single(await receiver.WaitForAsync("tested", 1));
        Assert.True(WebhookSigning.Verify(secret, call.Signature, call.Body, DateTimeOffset.UtcNow));
        using var body = System.Text.Json.JsonDocument.Parse(call.Body);
        Assert.Equal(WebhookEvents.Test, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(receiver.Url("tested"), body.RootElement.GetProperty("data").GetProperty("webhook").GetProperty("url").GetString());
        Assert.Contains(WebhookEvents.Test, await http.GetStringAsync("/Webhooks"));
    }

    [Fact]
    public async Task AnEndpointTurnedOffGetsNoPaymentEventsUntilItIsTurnedOnAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var http = merchant.Api.Http;
        using var added = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Add", ("EndpointUrl", receiver.Url("switched")));

        using var off = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Switch", []);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var page = await http.GetStringAsync("/Webhooks");
        Assert.Contains(">Off<", page);
        Assert.Contains(">Turn on<", page);
        var paidWhileOff = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "41"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(paidWhileOff);

        using var on = await FormPage.PostFormAsync(http, "/Webhooks", "handler=Switch", []);
        Assert.Contains(">On<", await http.GetStringAsync("/Webhooks"));
        var paidWhileOn = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "42"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(paidWhileOn);

        var call = Assert.Single(await receiver.WaitForAsync("switched", 1));
        Assert.Contains(paidWhileOn, call.Body);
        Assert.DoesNotContain(receiver.For("switched"), c => c.Body.Contains(paidWhileOff, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherMerchantCannotTestOrSwitchAWebhookThatIsNotTheirs()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var hook = (await owner.Api.PostAsync("save_webhook", ("url", "https://example.com/theirs"))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;

        using var tested = await PageForms.PostWithTokenFromAsync(other.Api.Http, "/Webhooks", $"/Webhooks?id={hook}&handler=Test");
        using var switched = await PageForms.PostWithTokenFromAsync(other.Api.Http, "/Webhooks", $"/Webhooks?id={hook}&on=false&handler=Switch");

        Assert.Equal(HttpStatusCode.NotFound, tested.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, switched.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.Endpoint!.PublicId == hook)));
        var webhook = (await owner.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks")[0];
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task ThePageShowsHowToVerifyASignatureAndOffersToCopyTheSecrets()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var added = await FormPage.PostFormAsync(merchant.Api.Http, "/Webhooks", "handler=Add", ("EndpointUrl", "https://example.com/copy"));

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Webhooks"));

        Assert.Contains("How to verify a signature", page);
        Assert.Contains("X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>", page);
        Assert.Contains("hash_hmac('sha256'", page);
        Assert.Contains("data-copy=\"#new-secret\"", page);
        Assert.Contains("data-copy=\"#callback-secret\"", page);
    }

    [Fact]
    public async Task ABadUrlIsShownNextToTheFieldAndAnotherMerchantsWebhookCannotBeDeleted()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        var hook = (await owner.Api.PostAsync("save_webhook", ("url", "https://example.com/h"))).AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;

        using var bad = await FormPage.PostFormAsync(other.Api.Http, "/Webhooks", "handler=Add", ("EndpointUrl", "ftp://example.com/"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The endpoint URL must be an http", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal(0, (await other.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());

        using var stolen = await PageForms.PostWithTokenFromAsync(other.Api.Http, "/Webhooks", $"/Webhooks?id={hook}&handler=Delete");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(1, (await owner.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());
    }
}

public sealed class SqliteWebhookPageTests(SqliteFastWebhookApp app) : WebhookPageTests<SqliteFastWebhookApp>(app);

public sealed class PostgresWebhookPageTests(PostgresFastWebhookApp app) : WebhookPageTests<PostgresFastWebhookApp>(app);
