namespace MerchantPortal.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>Postgres</c> (production).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// Apply pending migrations when the app starts (default). Off for a rolling upgrade of several instances: one
    /// <c>migrate</c> job migrates first, and an instance started on an older schema reports not ready.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Absolute base for public links and Daraja callbacks; empty means "from the request".</summary>
    public string? PublicBaseUrl { get; set; }

    public int TrialDays { get; set; } = 14;

    /// <summary>Days after the end of a trial or paid period during which the merchant is past_due but still works.</summary>
    public int GraceDays { get; set; } = 3;

    /// <summary>Reverse proxies whose X-Forwarded-* headers are believed; none by default.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Failed login attempts per client IP per minute.</summary>
    public int FailedLoginsPerMinute { get; set; } = 20;

    /// <summary>
    /// Failed sign-ins (password, 2FA or recovery code) per account from one client IP in
    /// <see cref="SignInLockoutMinutes"/>: wrong guesses from one address lock only that address out of the account.
    /// </summary>
    public int FailedSignInsPerAccountAndAddress { get; set; } = 5;

    /// <summary>The window of <see cref="FailedSignInsPerAccountAndAddress"/>, and how long Identity's account lockout lasts.</summary>
    public int SignInLockoutMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins per account from anywhere before Identity locks the account itself (a spread-out attack).</summary>
    public int FailedSignInsPerAccount { get; set; } = 50;

    /// <summary>Registration answers (made, or name/email taken) per client IP per minute.</summary>
    public int RegistrationsPerMinute { get; set; } = 60;

    /// <summary>api_stk pushes per merchant per minute.</summary>
    public int StkPerMinute { get; set; } = 120;

    /// <summary>pay_from_link pushes per client IP per minute.</summary>
    public int PayLinkPerMinute { get; set; } = 60;

    /// <summary>pay_from_link pushes per customer phone per minute.</summary>
    public int PayLinkPerPhonePerMinute { get; set; } = 10;

    /// <summary>Password-reset emails asked for per client IP per minute.</summary>
    public int PasswordResetsPerMinute { get; set; } = 5;
}
