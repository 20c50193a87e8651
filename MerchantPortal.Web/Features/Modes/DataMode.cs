namespace MerchantPortal.Web.Features.Modes;

/// <summary>
/// Live or test: which of a merchant's two sets of data this request sees (issue 14). Transactions, their day totals,
/// webhook endpoints and deliveries, idempotency keys and request logs belong to a mode; accounts, links and the
/// business profile are shared. Set once a merchant is known (an API key's own mode, or the dashboard's "Test data"
/// switch for a signed-in merchant); the database context then filters every mode-owned table by it
/// (<see cref="Data.PortalDbContext"/>'s "mode" query filter).
/// Unset, nothing is filtered: background workers, Daraja's callbacks and the customer's pay pages handle rows of
/// both modes and take a row's mode from the row itself.
/// </summary>
public sealed class DataMode
{
    /// <summary>True for live data, false for test data, null when no merchant's view is chosen (see the class).</summary>
    public bool? Livemode { get; private set; }

    public bool IsTest => Livemode == false;

    /// <summary>The mode a row written now belongs to: the request's, else live.</summary>
    public bool ForNewRows => Livemode ?? true;

    public void Use(bool livemode) => Livemode = livemode;

    /// <summary>
    /// Refuses, in test mode, what would change live data or reach M-Pesa: a live key, a subscription payment,
    /// C2B registration and simulated menu payments (which are recorded as live). Null in live mode.
    /// </summary>
    public Common.ServiceError? RefuseInTestMode(string what) => IsTest
        ? new Common.ServiceError(Common.ErrorKind.Forbidden, LiveModeOnly,
            $"{what} is not available in test mode: it changes live data or reaches M-Pesa. Use a live key (or turn off Test data).")
        : null;

    public const string LiveModeOnly = "live_mode_only";
}

/// <summary>The two modes' words, as the API and the pages use them.</summary>
public static class DataModes
{
    public const string Live = "live";
    public const string Test = "test";

    public static string Name(bool livemode) => livemode ? Live : Test;

    /// <summary>Reads <c>live</c> or <c>test</c> (any case, blank is live); anything else is refused.</summary>
    public static bool TryParse(string? value, out bool livemode)
    {
        livemode = true;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case Live:
                return true;
            case Test:
                livemode = false;
                return true;
            default:
                return false;
        }
    }
}
