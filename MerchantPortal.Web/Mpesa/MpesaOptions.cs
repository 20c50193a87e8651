namespace MerchantPortal.Web.Mpesa;

public enum MpesaMode
{
    Simulator,
    Sandbox,
    Production,
}

/// <summary>Daraja settings (section <c>Mpesa</c>). Switching to sandbox or production is configuration only.</summary>
public sealed class MpesaOptions
{
    public const string Section = "Mpesa";

    public MpesaMode Mode { get; set; } = MpesaMode.Simulator;

    /// <summary>Daraja's base URL. Empty in Simulator mode means this app's own simulator.</summary>
    public string? BaseUrl { get; set; }

    public string ConsumerKey { get; set; } = "";

    public string ConsumerSecret { get; set; } = "";

    /// <summary>The portal's own shortcode (used for the operator's billing; merchants push to theirs).</summary>
    public string ShortCode { get; set; } = "";

    public string Passkey { get; set; } = "";

    /// <summary>For tills: the head-office/store number sent as BusinessShortCode (PartyB is the till).</summary>
    public string? TillHeadOfficeShortCode { get; set; }

    /// <summary>
    /// The initiator a reversal uses for an account that has none of its own, with the simulator only (its test
    /// initiator, as Daraja's sandbox has one): against Daraja each account needs its own (Payment accounts → Daraja).
    /// </summary>
    public string SimulatorInitiator { get; set; } = "testapi";

    /// <summary>
    /// Seconds an STK push waits for Daraja's answer. Daraja can be slow to accept a push, and giving up early leaves
    /// a payment that may have started waiting for its callback or query instead of an answer now.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 45;

    /// <summary>Seconds an OAuth token request or an STK query waits for Daraja (both are retried later if they fail).</summary>
    public int QueryTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// The longest one STK push can take: a token and the push, twice (a dead token is refreshed and the push sent
    /// once more). Past it, an instance asking Daraja has either its answer or is gone.
    /// </summary>
    public TimeSpan LongestPush => TimeSpan.FromSeconds(2 * (Math.Max(1, QueryTimeoutSeconds) + Math.Max(1, TimeoutSeconds)));

    /// <summary>Minutes between the Pull Transactions worker's passes over the accounts with Pull switched on.</summary>
    public double PullIntervalMinutes { get; set; } = 15;

    /// <summary>Whether this instance runs the Pull Transactions worker (tests switch it off; "Check M-Pesa now" works either way).</summary>
    public bool PullWorker { get; set; } = true;

    public SimulatorOptions Simulator { get; set; } = new();

    public ReconcileOptions Reconcile { get; set; } = new();

    /// <summary>
    /// When set, STK callbacks are accepted only from these addresses (Daraja's published list), read from the
    /// connection or from X-Forwarded-For of a trusted proxy (App:TrustedProxies). Empty: the URL token alone.
    /// </summary>
    public List<string> CallbackAllowedIps { get; set; } = [];

    public bool IsSimulator => Mode == MpesaMode.Simulator;

    /// <summary>
    /// Whether the portal applies Daraja's live rules (each account pushed through its own app, a merchant's till
    /// through its store number): always against sandbox or production, and against the strict simulator.
    /// </summary>
    public bool AppliesLiveRules => !IsSimulator || Simulator.Strict;
}

/// <summary>The built-in Daraja simulator (section <c>Mpesa:Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    /// <summary>
    /// Behave as strictly as Daraja does (apps bound to their shortcodes and passkeys, tills pushed through their
    /// store number, https callback URLs, bodies with a Content-Length), and make the portal apply its live rules.
    /// Off by default so a fresh clone takes payments into any number.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>Seconds between an accepted push and the customer's answer (and its callback).</summary>
    public double CallbackDelaySeconds { get; set; } = 3;

    /// <summary>
    /// Refuse a second push to a phone that has a prompt open, as Daraja does. Unset follows <see cref="Strict"/>:
    /// off in the lenient simulator so that scripts (the API document's examples use one fixed phone) can be re-run
    /// at once, on in the strict one. An explicit setting wins.
    /// </summary>
    public bool? LockSubscriber { get; set; }

    public bool LocksSubscriber => LockSubscriber ?? Strict;

    /// <summary>Shortcodes Daraja knows; empty accepts any 5–7 digit shortcode.</summary>
    public List<string> ShortCodes { get; set; } = [];

    /// <summary>
    /// Daraja apps the simulator knows besides the portal's own (accounts' own credentials in tests). A shortcode
    /// listed under an app must be pushed with that app's passkey, as a real shortcode has one passkey.
    /// </summary>
    public List<SimulatorApp> Apps { get; set; } = [];

    /// <summary>Send every callback twice (fault injection for duplicate handling).</summary>
    public bool DuplicateCallbacks { get; set; }

    /// <summary>Enforce Daraja's 12/13-character AccountReference/TransactionDesc limits at request time.</summary>
    public bool EnforceLengthLimits { get; set; } = true;

    public SimulatorFaultOptions Faults { get; set; } = new();

    /// <summary>C2B validation and confirmation carry a masked MSISDN (<c>2547****678</c>), as Daraja's v2 now sends.</summary>
    public bool MaskC2BPhones { get; set; } = true;

    /// <summary>Seconds a C2B validation may take before the registered ResponseType decides (Daraja: about 8).</summary>
    public double C2BValidationTimeoutSeconds { get; set; } = 8;

    /// <summary>Transactions per Pull Transactions page (Daraja's own page size is not published).</summary>
    public int PullPageSize { get; set; } = 100;
}

/// <summary>One Daraja app the simulator accepts (section <c>Mpesa:Simulator:Apps:n</c>).</summary>
public sealed class SimulatorApp
{
    public string ConsumerKey { get; set; } = "";

    public string ConsumerSecret { get; set; } = "";

    public string Passkey { get; set; } = "";

    /// <summary>
    /// Shortcodes whose passkey is this app's; also known to the simulator when ShortCodes is set. A till is written
    /// <c>till:store</c> (its store number is the BusinessShortCode it is pushed with); the strict simulator serves
    /// only the shortcodes, stores and tills listed here.
    /// </summary>
    public List<string> ShortCodes { get; set; } = [];

    /// <summary>What this app's token requests meet instead of a token (fault injection for OAuth).</summary>
    public SimulatorGatewayFault OAuthFault { get; set; }
}

/// <summary>Asking Daraja (STK query) about pushes whose callback has not come (section <c>Mpesa:Reconcile</c>).</summary>
public sealed class ReconcileOptions
{
    /// <summary>First query this long after the push: callbacks usually come sooner.</summary>
    public double AfterSeconds { get; set; } = 30;

    /// <summary>Wait between queries while Daraja says the payment is being processed.</summary>
    public double RetrySeconds { get; set; } = 15;

    /// <summary>How often the reconciler looks for due transactions.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Stop querying a push this old.</summary>
    public double HorizonMinutes { get; set; } = 10;

    /// <summary>
    /// A push with no checkout id (Daraja's answer never recorded: no clear answer, or the instance stopped while
    /// asking) cannot be queried; with no callback this long after it (well past the minute a prompt stays on the
    /// phone) it is recorded unknown without waiting for the horizon. A late callback still settles it.
    /// </summary>
    public double UnansweredPushMinutes { get; set; } = 3;
}
