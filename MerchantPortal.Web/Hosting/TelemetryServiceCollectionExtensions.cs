using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Mpesa;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MerchantPortal.Web.Hosting;

/// <summary>Telemetry: settings.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve Prometheus metrics at <c>/metrics</c> (default on).</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Who may read <c>/metrics</c>: addresses, compared with the caller's (a trusted proxy's X-Forwarded-For
    /// applied). Default loopback only; anyone else gets 404, as for a page that does not exist.
    /// </summary>
    public List<string> MetricsAllowedIps { get; set; } = [];

    /// <summary>
    /// Record traces: on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (they are exported there by OTLP), or when
    /// this is true (for an exporter added in code, as the tests do). Off by default: no one would read them.
    /// </summary>
    public bool? Tracing { get; set; }
}

/// <summary>
/// OpenTelemetry (issue 15): ASP.NET Core, HttpClient, Npgsql and runtime instrumentation, the portal's own instruments
/// (<see cref="PortalTelemetry"/>, <see cref="PortalBacklogGauges"/>), metrics for Prometheus at <c>/metrics</c> and
/// traces by OTLP. The standard <c>OTEL_*</c> variables apply (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, …). A Daraja callback's path carries its secret token, so spans hold it redacted.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The span a webhook delivery's POST runs under (WebhookDeliverySender).</summary>
    public const string WebhookSpan = "webhook.deliver";

    private static readonly string[] ClientTagKeys =
        ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "url.scheme"];

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        builder.Services.Configure<TelemetryOptions>(section);
        builder.Services.AddOptions<TelemetryOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            var allowed = ConfigurationLists.Read(configuration, TelemetryOptions.Section + ":MetricsAllowedIps");
            o.MetricsAllowedIps = allowed.Count > 0 ? allowed : ["127.0.0.1", "::1"];
        });
        var metrics = section.GetValue("Metrics", true);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var tracing = section.GetValue<bool?>("Tracing") ?? otlp;
        if (!metrics && !tracing)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: "merchant-portal", serviceVersion: typeof(Program).Assembly.GetName().Version?.ToString()));
        if (metrics)
        {
            builder.Services.AddSingleton<PortalBacklogGauges>();
            telemetry.WithMetrics(m => m
                .AddMeter(PortalTelemetry.Name, PortalBacklogGauges.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // The client side's address labels (server.address, network.peer.address, dns.question.name) would
                // take every merchant's webhook host: one series each, without bound. Daraja and webhooks have their
                // own portal_* instruments; these keep the method, status, error and protocol only.
                .AddView(instrument => instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution"
                    ? new MetricStreamConfiguration { TagKeys = ClientTagKeys }
                    : null)
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddPrometheusExporter());
        }

        if (tracing)
        {
            telemetry.WithTracing(t =>
            {
                t.AddSource(PortalTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // Probes, scrapes and the built-in simulator (Daraja's side) are not the portal's work.
                        o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz")
                            && !http.Request.Path.StartsWithSegments(MetricsPath)
                            && !http.Request.Path.StartsWithSegments(Mpesa.Simulator.SimulatorEndpoints.RoutePrefix);
                        o.EnrichWithHttpRequest = (activity, request) =>
                        {
                            if (SecretPaths.Redact(request.Path.Value) is { } path && path != request.Path.Value)
                            {
                                activity.SetTag("url.path", path);
                            }
                        };
                    })
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is not { } uri)
                        {
                            return;
                        }

                        // A merchant's webhook URL may carry its own secret in the path: the span keeps its host only.
                        // The simulator's callback to us carries a callback token.
                        var url = activity.Parent?.Source == PortalTelemetry.Source && activity.Parent.OperationName == WebhookSpan
                            ? uri.GetLeftPart(UriPartial.Authority) + "/" + CallbackTokenRedaction.Placeholder
                            : CallbackTokenRedaction.Redact(uri.ToString());
                        activity.SetTag("url.full", url);
                    })
                    .AddNpgsql();
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> for addresses in <c>Telemetry:MetricsAllowedIps</c>; everyone else's request goes on to a 404.
    /// Placed after the forwarded headers, so behind a trusted proxy the caller's own address is judged.
    /// </summary>
    public static IApplicationBuilder UsePortalMetrics(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<PortalBacklogGauges>() is null)
        {
            return app;
        }

        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<TelemetryOptions>>();
        // The list is never empty (loopback by default), so CallbackSources' "no list, no limit" never applies here.
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == MetricsPath && options.CurrentValue.MetricsAllowedIps.Count > 0
            && CallbackSources.IsAllowed(http, options.CurrentValue.MetricsAllowedIps));
    }
}

/// <summary>
/// <c>portal_reconciler_pending</c> (payments whose STK query is due) and <c>portal_webhook_outbox_lag_seconds</c> (how
/// long the longest-waiting webhook delivery is overdue), read from the database when scraped, at most every
/// <see cref="MaxAge"/>: the whole portal's figures, the same on every instance. The instruments are static like
/// <see cref="PortalTelemetry"/>'s (one name, one instrument per process); each app's instance registers itself
/// for them to read while it lives.
/// </summary>
public sealed class PortalBacklogGauges : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<PortalBacklogGauges, bool> Live = new();
    private static readonly Meter Meter = new(PortalTelemetry.Name + ".Backlog");

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider time;
    private readonly ILogger<PortalBacklogGauges> logger;
    private readonly Lock gate = new();
    private (long Pending, double LagSeconds, long ReadAt)? last;

    static PortalBacklogGauges()
    {
        Meter.CreateObservableGauge("portal_reconciler_pending",
            () => Live.Keys.Select(g => g.Read()).OfType<(long Pending, double LagSeconds, long ReadAt)>().Select(r => new Measurement<long>(r.Pending)),
            description: "Pending payments whose STK query is due now (the reconciler's backlog).");
        Meter.CreateObservableGauge("portal_webhook_outbox_lag_seconds",
            () => Live.Keys.Select(g => g.Read()).OfType<(long Pending, double LagSeconds, long ReadAt)>().Select(r => new Measurement<double>(r.LagSeconds)),
            unit: "s", description: "How long the longest-waiting webhook delivery has been due.");
    }

    public PortalBacklogGauges(IServiceScopeFactory scopes, TimeProvider time, ILogger<PortalBacklogGauges> logger)
    {
        this.scopes = scopes;
        this.time = time;
        this.logger = logger;
        Live[this] = true;
    }

    /// <summary>The meter's name, for the metrics provider.</summary>
    public static string MeterName => Meter.Name;

    public void Dispose() => Live.TryRemove(this, out _);

    private (long Pending, double LagSeconds, long ReadAt)? Read()
    {
        lock (gate)
        {
            if (last is { } fresh && Stopwatch.GetElapsedTime(fresh.ReadAt) < MaxAge)
            {
                return fresh;
            }

            try
            {
                // Observable instruments are read synchronously, once per scrape.
                using var scope = scopes.CreateScope();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var health = scope.ServiceProvider.GetRequiredService<AdminHealthService>();
                var (pending, _, oldest) = health.GetBacklogAsync(timeout.Token).GetAwaiter().GetResult();
                var lag = oldest is { } due ? Math.Max(0, (time.GetUtcNow() - due).TotalSeconds) : 0;
                last = (pending, lag, Stopwatch.GetTimestamp());
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The backlog gauges could not be read from the database");
                // No figure rather than an old one that looks current: a dashboard shows the gap.
                if (last is { } old && Stopwatch.GetElapsedTime(old.ReadAt) > 3 * MaxAge)
                {
                    last = null;
                }
            }

            return last;
        }
    }
}
