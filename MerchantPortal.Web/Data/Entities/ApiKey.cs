namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A merchant's API key. Only the SHA-256 of the key is stored: the key itself is shown once.
/// </summary>
public class ApiKey
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>The first characters of the key, safe to show (<c>sk_AbC123</c>).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string KeyHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Live (true) or test (false): the data every call with this key reads and writes. Keys made before modes are live.</summary>
    public bool Livemode { get; set; } = true;

    /// <summary>The person who made the key (a sign-in's id), or null for keys made before members.</summary>
    public string? CreatedById { get; set; }
}
