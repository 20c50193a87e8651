using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>A long delivery timeout, so a receiver that hangs holds its delivery for the whole test.</summary>
public class PatientWebhookApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:TimeoutSeconds"] = "120",
    };
}

public sealed class SqlitePatientWebhookApp() : PatientWebhookApp(DatabaseProvider.Sqlite);

public sealed class PostgresPatientWebhookApp() : PatientWebhookApp(DatabaseProvider.Postgres);

public abstract class WebhookIsolationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PatientWebhookApp
{
    [Fact]
    public async Task EndpointsThatNeverAnswerDelayNeitherAnotherMerchantNorEachOther()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var stalled = await TestMerchant.RegisterAsync(app);
        await stalled.AddAccountAsync();
        string[] hung = ["hung-1", "hung-2", "hung-3"];
        foreach (var name in hung)
        {
            receiver.Hang(name);
            (await stalled.Api.PostAsync("save_webhook", ("url", receiver.Url(name)))).AssertOk();
        }

        // Nine deliveries that will each wait out the two-minute timeout: sent one at a time, that is 18 minutes.
        for (var i = 0; i < 3; i++)
        {
            var id = (await stalled.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", $"{30 + i}"))).AssertOk()
                .Data.GetProperty("transaction_id").GetString()!;
            await stalled.WaitForFinalAsync(id);
        }

        foreach (var name in hung)
        {
            await receiver.WaitForAsync(name, 1);
        }

        var other = await TestMerchant.RegisterAsync(app);
        await other.AddAccountAsync();
        (await other.Api.PostAsync("save_webhook", ("url", receiver.Url("prompt")))).AssertOk();
        var otherId = (await other.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "77"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        await other.WaitForFinalAsync(otherId);
        var clock = Stopwatch.StartNew();
        var received = await receiver.WaitForAsync("prompt", 1);

        var delivered = Assert.Single(received);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the other merchant's event took {clock.Elapsed}");
        Assert.Equal(otherId, JsonDocument.Parse(delivered.Body).RootElement.GetProperty("data").GetProperty("transaction").GetProperty("id").GetString());
        Assert.All(hung, name => Assert.Equal(1, receiver.MostAtOnce(name)));
        Assert.All(hung, name => Assert.Single(receiver.For(name)));
    }

    [Fact]
    public async Task AMerchantHasAtMostSixteenEndpointsAndTheSeventeenthIsRefusedOnTheApiAndThePage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        for (var i = 0; i < 16; i++)
        {
            (await merchant.Api.PostAsync("save_webhook", ("url", $"https://example.com/hooks/{i}"))).AssertOk();
        }

        var refused = (await merchant.Api.PostAsync("save_webhook", ("url", "https://example.com/hooks/16")))
            .AssertError(HttpStatusCode.Conflict, "too_many_webhooks");
        using var page = await FormPage.PostFormAsync(merchant.Api.Http, "/Webhooks", "handler=Add", ("EndpointUrl", "https://example.com/hooks/page"));

        Assert.Contains("at most 16 webhook endpoints", refused.Body.GetProperty("errors").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("at most 16 webhook endpoints", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(16, (await merchant.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentAddsCannotPassTheEndpointCap()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            merchant.Api.PostAsync("save_webhook", ("url", $"https://example.com/race/{i}"))));

        Assert.Equal(16, answers.Count(a => a.Ok));
        Assert.All(answers.Where(a => !a.Ok), a => a.AssertError(HttpStatusCode.Conflict, "too_many_webhooks"));
        Assert.Equal(16, (await merchant.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength());
    }
}

public sealed class SqliteWebhookIsolationTests(SqlitePatientWebhookApp app) : WebhookIsolationTests<SqlitePatientWebhookApp>(app);

public sealed class PostgresWebhookIsolationTests(PostgresPatientWebhookApp app) : WebhookIsolationTests<PostgresPatientWebhookApp>(app);
