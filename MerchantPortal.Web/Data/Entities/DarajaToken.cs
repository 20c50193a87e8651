namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// The OAuth token of one Daraja app, shared by every instance on this database: Daraja may revoke a token when
/// the same app asks for a new one, so instances that each fetched their own would revoke each other's.
/// </summary>
public class DarajaToken
{
    /// <summary>SHA-256 of the consumer key and (hashed) secret: the key is never stored in clear here.</summary>
    public string AppKeyHash { get; set; } = "";

    /// <summary>The token, protected with Data Protection; null until the first one is fetched.</summary>
    public string? TokenProtected { get; set; }

    /// <summary>When instances stop using the token (shortly before Daraja's expiry, or at once when Daraja called it invalid).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Grows with each new token, so a report that one is dead cannot expire its successor.</summary>
    public long Version { get; set; }

    /// <summary>While set in the future, one instance is fetching a new token and the others wait for it.</summary>
    public DateTimeOffset? RefreshLeaseUntil { get; set; }
}
