namespace MerchantPortal.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>Postgres</c> (production).</summary>
    public string Provider { get; set; } = "Sqlite";

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Absolute base for public links and Daraja callbacks; empty means "from the request".</summary>
    public string? PublicBaseUrl { get; set; }

    public int TrialDays { get; set; } = 14;
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>login and register attempts per client IP per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>api_stk calls per merchant per minute.</summary>
    public int StkPerMinute { get; set; } = 120;

    /// <summary>pay_from_link calls per client IP per minute.</summary>
    public int PayLinkPerMinute { get; set; } = 10;
}
