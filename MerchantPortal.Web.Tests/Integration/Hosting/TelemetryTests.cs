using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>Tracing on, with every finished span kept in memory; webhooks sent at once.</summary>
public class TelemetryApp(DatabaseProvider provider) : PortalApp(provider)
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Tracing"] = "true",
        ["Webhooks:PollSeconds"] = "0.1",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new Keep(Spans)));
    }

    private sealed class Keep(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}

public sealed class SqliteTelemetryApp() : TelemetryApp(DatabaseProvider.Sqlite);

public sealed class PostgresTelemetryApp() : TelemetryApp(DatabaseProvider.Postgres);

/// <summary>
/// Metrics and traces (issue 15): <c>/metrics</c> in Prometheus' format with the portal's own instruments moving as a
/// payment is pushed, settled and reported to a webhook; a payment's spans (the api_stk request with its Daraja call,
/// the callback, the webhook delivery) all carry its transaction id, and no span holds a callback's secret token.
/// The instruments are shared by every app in the test process, so figures are compared before and after.
/// </summary>
[Collection(nameof(TelemetryTests<TelemetryApp>))]
public abstract partial class TelemetryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TelemetryApp
{
    [Fact]
    public async Task MetricsCountAPaymentFromPushToWebhookAndTheBacklogs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = app.NewClient();
        var before = await ScrapeAsync(http);

        var (merchant, id) = await PayWithWebhookAsync(receiver);

        var after = await WaitForScrapeAsync(http, text => Sum(text, "portal_webhook_deliveries_total", ("result", "delivered")) > Sum(before, "portal_webhook_deliveries_total", ("result", "delivered")));
        // The instruments are the process's; these tests run alone (their collection), so the figures move by this payment only.
        Assert.Equal(Sum(before, "portal_stk_push_requests_total", ("result", "accepted")) + 1, Sum(after, "portal_stk_push_requests_total", ("result", "accepted")));
        Assert.Equal(Sum(before, "portal_payments_settled_total", ("status", "succeeded"), ("channel", "stk")) + 1,
            Sum(after, "portal_payments_settled_total", ("status", "succeeded"), ("channel", "stk")));
        Assert.Equal(Sum(before, "portal_payment_settle_seconds_count") + 1, Sum(after, "portal_payment_settle_seconds_count"));
        Assert.Equal(Sum(before, "portal_webhook_deliveries_total", ("result", "delivered")) + 1, Sum(after, "portal_webhook_deliveries_total", ("result", "delivered")));
        // Nothing due: no backlog, no lag (read from this app's database).
        Assert.Equal(0, Sum(after, "portal_reconciler_pending"));
        Assert.Equal(0, Sum(after, "portal_webhook_outbox_lag_seconds"));
        // A webhook host never becomes a label of the HTTP client's or DNS's series.
        Assert.DoesNotContain(after.Split('\n'), line => (line.StartsWith("http_client_", StringComparison.Ordinal) || line.StartsWith("dns_", StringComparison.Ordinal))
            && (line.Contains("server_address=", StringComparison.Ordinal) || line.Contains("dns_question_name=", StringComparison.Ordinal)));
        Assert.Contains(after.Split('\n'), line => line.StartsWith("http_client_request_duration_seconds_count", StringComparison.Ordinal));
        Assert.True(Sum(after, "portal_daraja_request_seconds_count", ("operation", "stk_push"), ("result", "ok")) >= 1);
        Assert.True(Sum(after, "portal_daraja_request_seconds_count", ("operation", "oauth"), ("result", "ok")) >= 1);
        Assert.Contains("# TYPE portal_reconciler_pending gauge", after);
        Assert.Contains("# TYPE portal_webhook_outbox_lag_seconds gauge", after);
        Assert.Contains("# TYPE portal_payment_settle_seconds histogram", after);
        // The framework's own: HTTP requests and the runtime.
        Assert.Contains("http_server_request_duration_seconds_bucket", after);
        Assert.Contains("dotnet_gc_collections_total", after);
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APaymentsSpansCarryItsTransactionIdFromPushThroughCallbackToWebhookWithoutTheCallbackToken()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, id) = await PayWithWebhookAsync(receiver);
        var token = await app.WithDbAsync(db => db.AllTransactions.Where(t => t.PublicId == id).Select(t => t.CallbackToken).SingleAsync());

        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<Activity> ours;
        do
        {
            await Task.Delay(100);
            ours = [.. app.Spans.Where(s => s.GetTagItem(PortalTelemetry.TransactionIdTag) as string == id)];
        }
        while (ours.Count(s => s.OperationName == "webhook.deliver") == 0 && DateTime.UtcNow < deadline);

        var push = Assert.Single(ours, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/index.php");
        var callback = Assert.Single(ours, s => s.Kind == ActivityKind.Server && s != push);
        var webhook = Assert.Single(ours, s => s.OperationName == "webhook.deliver");
        var spans = app.Spans.ToList();
        // The Daraja call is the push's child; the webhook's POST is the delivery's.
        Assert.Contains(spans, s => s.ParentSpanId == push.SpanId && s.Kind == ActivityKind.Client
            && (s.GetTagItem("url.full") as string ?? "").Contains("stkpush", StringComparison.Ordinal));
        // The merchant's URL is kept to its host: its path may hold the merchant's own secret.
        Assert.Contains(spans, s => s.ParentSpanId == webhook.SpanId && s.Kind == ActivityKind.Client
            && s.GetTagItem("url.full") as string == receiver.BaseUri.GetLeftPart(UriPartial.Authority) + "/[redacted]");
        Assert.Equal("/hooks/stk/[redacted]", callback.GetTagItem("url.path"));
        Assert.Equal("transaction.succeeded", webhook.GetTagItem("portal.event_type"));
        if (app.Provider == DatabaseProvider.Postgres)
        {
            Assert.Contains(spans, s => s.TraceId == push.TraceId && s.Source.Name == "Npgsql");
        }

        Assert.DoesNotContain(spans, s => s.DisplayName.Contains(token, StringComparison.Ordinal)
            || s.TagObjects.Any(t => t.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true));
    }

    private async Task<(TestMerchant Merchant, string Id)> PayWithWebhookAsync(WebhookReceiver receiver)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("telemetry")))).AssertOk();
        var key = await merchant.GenerateKeyAsync();
        using var keyed = app.NewApi();
        var id = (await keyed.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "25"), ("api_key", key)))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString());
        await receiver.WaitForAsync("telemetry", 1);
        return (merchant, id);
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync(TelemetryServiceCollectionExtensions.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The exporter answers a scrape from a short cache: scrapes again until the figures show what happened.</summary>
    private static async Task<string> WaitForScrapeAsync(HttpClient http, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await ScrapeAsync(http);
            if (done(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The sum of a series' samples whose labels include all of <paramref name="labels"/>.</summary>
    internal static double Sum(string text, string name, params (string Label, string Value)[] labels) =>
        text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name
                && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}

/// <summary>The portal's instruments are the process's: these tests run after the parallel ones, alone.</summary>
[CollectionDefinition(nameof(TelemetryTests<TelemetryApp>), DisableParallelization = true)]
public sealed class TelemetryCollection;

public sealed class SqliteTelemetryTests(SqliteTelemetryApp app) : TelemetryTests<SqliteTelemetryApp>(app);

public sealed class PostgresTelemetryTests(PostgresTelemetryApp app) : TelemetryTests<PostgresTelemetryApp>(app);

/// <summary>Metrics allowed to one other address only: this test's loopback client is told there is no such page.</summary>
public sealed class ClosedMetricsApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:MetricsAllowedIps"] = "10.9.9.9",
    };
}

public sealed class ClosedMetricsTests(ClosedMetricsApp app) : IClassFixture<ClosedMetricsApp>
{
    [Fact]
    public async Task MetricsAreNotServedToAnAddressOutsideTheAllowedList()
    {
        using var http = app.NewClient();
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("portal_", await response.Content.ReadAsStringAsync());
    }
}
