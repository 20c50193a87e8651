namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// One API request a merchant made (Developers → Logs, <c>request_logs</c>): what was asked and answered, never a
/// secret. Written in batches off the request thread; kept 30 days and at most a capped number per merchant.
/// </summary>
public class ApiRequestLog : IModeOwned
{
    public long Id { get; set; }

    /// <summary><c>req_…</c>, shown and used by the detail view.</summary>
    public string PublicId { get; set; } = "";

    public string MerchantId { get; set; } = "";

    /// <summary>Live data (true) or test data: the mode of the key or the dashboard that made the request.</summary>
    public bool Livemode { get; set; } = true;

    public DateTimeOffset At { get; set; }

    public string Action { get; set; } = "";

    /// <summary>The API key's prefix (<c>sk_…</c>, its first characters, as the API keys page shows); null for a session.</summary>
    public string? KeyPrefix { get; set; }

    public int Status { get; set; }

    public string? ErrorCode { get; set; }

    public int DurationMs { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? ClientIp { get; set; }

    public string CorrelationId { get; set; } = "";

    /// <summary>The request's fields as JSON, secrets removed and phones masked.</summary>
    public string Fields { get; set; } = "{}";
}
