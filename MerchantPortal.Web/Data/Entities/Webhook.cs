namespace MerchantPortal.Web.Data.Entities;

/// <summary>Where a merchant wants to hear about their payments.</summary>
public class WebhookEndpoint : IModeOwned
{
    public long Id { get; set; }

    /// <summary>Public id (<c>wh_…</c>).</summary>
    public string PublicId { get; set; } = "";

    public string MerchantId { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Comma-separated event types; empty means every event.</summary>
    public string Events { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>The signing secret, encrypted with Data Protection (it must be read back to sign).</summary>
    public string SecretProtected { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Since when every delivery has failed; null while the endpoint answers.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>Live (true) or test (false): an endpoint hears only its own mode's events.</summary>
    public bool Livemode { get; set; } = true;
}

/// <summary>
/// One event to one endpoint, or to one payment's own <c>callback_url</c>: the outbox row, written with the state
/// change it reports.
/// </summary>
public class WebhookDelivery : IModeOwned
{
    public long Id { get; set; }

    /// <summary>Public id (<c>dlv_…</c>).</summary>
    public string PublicId { get; set; } = "";

    /// <summary>The endpoint; null for a delivery to <see cref="CallbackUrl"/>.</summary>
    public long? EndpointId { get; set; }

    public WebhookEndpoint? Endpoint { get; set; }

    /// <summary>The payment's own callback URL (api_stk's <c>callback_url</c>) when there is no endpoint.</summary>
    public string? CallbackUrl { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>The event's id (<c>evt_…</c>): the same on every retry and redelivery.</summary>
    public string EventId { get; set; } = "";

    public string EventType { get; set; } = "";

    /// <summary>The exact JSON sent and signed.</summary>
    public string Payload { get; set; } = "";

    /// <summary>pending, delivered or failed.</summary>
    public string Status { get; set; } = "pending";

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastResponse { get; set; }

    public int? LastDurationMs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The mode of the event it carries (its payment's).</summary>
    public bool Livemode { get; set; } = true;
}

/// <summary>
/// A merchant's secret for signing events sent to the per-request callback URLs of api_stk: one per merchant,
/// encrypted with Data Protection like endpoint secrets.
/// </summary>
public class RequestCallbackSecret
{
    public string MerchantId { get; set; } = "";

    public string SecretProtected { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
