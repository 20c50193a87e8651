using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// The portal's own traces and metrics (issue 15), under one name, <see cref="Name"/>. The instruments are static, as
/// the framework's own are: recording costs next to nothing when no one listens (no exporter configured), and the
/// services that record need no extra dependency. The backlog gauges need the database and live in
/// <see cref="PortalBacklogGauges"/>. Exported as Prometheus names (<c>_total</c> is added to counters by the exporter):
/// <list type="bullet">
/// <item><c>portal_stk_push_requests_total{result}</c>: pushes the portal set out to start, by how they ended:
/// <c>accepted</c>, <c>rejected</c> (M-Pesa refused), <c>unavailable</c> (no clear answer: the payment may still go
/// through), <c>refused</c> (the portal refused before asking M-Pesa: a payment already waiting, an account not ready).</item>
/// <item><c>portal_payments_settled_total{status,channel}</c>: payments reaching a final state (channel <c>stk</c> or <c>c2b</c>).</item>
/// <item><c>portal_payment_settle_seconds</c>: an STK payment's push to its final state.</item>
/// <item><c>portal_daraja_request_seconds{operation,result}</c>: every call to Daraja (oauth, stk_push, stk_query, …).</item>
/// <item><c>portal_webhook_deliveries_total{result}</c>: <c>delivered</c>, <c>retry</c> or <c>failed</c> attempts.</item>
/// </list>
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "MerchantPortal";

    /// <summary>The span attribute (and log field) that ties a payment's push, callback, query and webhooks together.</summary>
    public const string TransactionIdTag = "portal.transaction_id";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Seconds from a fraction of one up to the reconciler's horizon (a payment can wait for its PIN for minutes).</summary>
    private static readonly double[] SettleBuckets = [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800];

    private static readonly double[] RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly Counter<long> StkPushes = Meter.CreateCounter<long>(
        "portal_stk_push_requests", description: "STK pushes the portal set out to start, by result.");

    private static readonly Counter<long> Settled = Meter.CreateCounter<long>(
        "portal_payments_settled", description: "Payments reaching a final state, by status and channel.");

    private static readonly Histogram<double> SettleSeconds = Meter.CreateHistogram(
        "portal_payment_settle_seconds", unit: "s", description: "From an STK push to the payment's final state.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SettleBuckets });

    private static readonly Histogram<double> DarajaSeconds = Meter.CreateHistogram(
        "portal_daraja_request_seconds", unit: "s", description: "Calls to Daraja, by operation and result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestBuckets });

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "portal_webhook_deliveries", description: "Webhook delivery attempts, by result.");

    public static void StkPush(string result) => StkPushes.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <param name="sincePush">Time since the STK push began (null for a payment that arrived paid: no push to time).</param>
    public static void PaymentSettled(string status, string channel, TimeSpan? sincePush)
    {
        Settled.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("channel", channel));
        if (sincePush is { } elapsed)
        {
            SettleSeconds.Record(Math.Max(0, elapsed.TotalSeconds));
        }
    }

    public static void DarajaRequest(string operation, string result, TimeSpan elapsed) =>
        DarajaSeconds.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("result", result));

    public static void WebhookDelivery(string result) => WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Names the payment on the span in progress (the request's, or a worker's own).</summary>
    public static void TagTransaction(string publicId) => Activity.Current?.SetTag(TransactionIdTag, publicId);

    /// <summary>Daraja's operation from the path called, for the metric's label.</summary>
    public static string DarajaOperation(string path) => path switch
    {
        _ when path.Contains("stkpushquery", StringComparison.Ordinal) => "stk_query",
        _ when path.Contains("stkpush", StringComparison.Ordinal) => "stk_push",
        _ when path.Contains("registerurl", StringComparison.OrdinalIgnoreCase) => "c2b_register",
        _ when path.Contains("simulate", StringComparison.OrdinalIgnoreCase) => "c2b_simulate",
        _ when path.Contains("pulltransactions", StringComparison.OrdinalIgnoreCase) && path.Contains("register", StringComparison.OrdinalIgnoreCase) => "pull_register",
        _ when path.Contains("pulltransactions", StringComparison.OrdinalIgnoreCase) => "pull_query",
        _ => "other",
    };
}
