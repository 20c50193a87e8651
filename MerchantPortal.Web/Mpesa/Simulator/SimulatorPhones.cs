namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>How the simulated customer answers one STK push.</summary>
/// <param name="Callbacks">How many times the callback is POSTed (0 = never).</param>
public sealed record SimulatorOutcome(int ResultCode, string ResultDesc, int Callbacks)
{
    public bool IsSuccess => ResultCode == 0;

    /// <summary>What goes wrong on the way (<see cref="SimulatorFaults"/>); the outcome itself stays as scripted.</summary>
    public SimulatorFault Fault { get; init; }
}

/// <summary>A scripted test phone, in the local form people type.</summary>
public sealed record SimulatorPhone(string Phone, string Msisdn, string Description, SimulatorOutcome Outcome);

/// <summary>
/// Test phone numbers that script the simulator's outcome. Any other phone pays successfully. A payment from the M-Pesa
/// menu (C2B) heeds only <see cref="NoCallback"/> (no confirmation) and <see cref="DuplicateCallback"/> (two).
/// </summary>
public static class SimulatorPhones
{
    public const string Cancelled = "0708000001";
    public const string InsufficientFunds = "0708000002";
    public const string WrongPin = "0708000003";
    public const string Timeout = "0708000004";
    public const string NoCallback = "0708000005";
    public const string DuplicateCallback = "0708000006";
    public const string LateCallback = "0708000007";
    public const string InterimQueries = "0708000008";
    public const string PushFaultStarted = "0708000009";
    public const string PushUnavailable = "0708000010";
    public const string QueryFaults = "0708000011";
    public const string SlowPush = "0708000012";
    public const string SlowQuery = "0708000013";

    /// <summary>The number the dashboard's "make a test payment" pays from: not scripted, so it pays.</summary>
    public const string TestPayment = "0708000000";

    public const string SuccessDescription = "The service request is processed successfully.";

    public static readonly SimulatorOutcome Success = new(0, SuccessDescription, 1);

    public static IReadOnlyList<SimulatorPhone> All { get; } =
    [
        Phone(Cancelled, "Customer cancels the prompt (1032)", new(1032, "Request cancelled by user", 1)),
        Phone(InsufficientFunds, "Insufficient funds (1)", new(1, "The balance is insufficient for the transaction.", 1)),
        Phone(WrongPin, "Wrong PIN (2001)", new(2001, "The initiator information is invalid.", 1)),
        Phone(Timeout, "Customer cannot be reached (1037)", new(1037, "DS timeout user cannot be reached", 1)),
        Phone(NoCallback, "Paid, but the callback never arrives (only STK query tells; from the menu, only Pull Transactions)", Success with { Callbacks = 0 }),
        Phone(DuplicateCallback, "Paid, and the callback (from the menu, the confirmation) is sent twice", Success with { Callbacks = 2 }),
        Phone(LateCallback, "Paid; the STK query tells first (no receipt), the callback with the receipt comes later",
            Success with { Fault = SimulatorFault.LateCallback }),
        Phone(InterimQueries, "Paid, no callback; the first STK queries answer 4999 \"still under processing\"",
            Success with { Callbacks = 0, Fault = SimulatorFault.InterimQueries }),
        Phone(PushFaultStarted, "The push is answered with a gateway fault, but the prompt went out: paid, and the callback comes",
            Success with { Fault = SimulatorFault.PushFault }),
        Phone(PushUnavailable, "The push is answered with an HTML 503 page and nothing starts: no answer ever comes",
            Success with { Callbacks = 0, Fault = SimulatorFault.PushUnavailable }),
        Phone(QueryFaults, "Paid, no callback; the first STK queries meet a gateway fault, then an HTML 503",
            Success with { Callbacks = 0, Fault = SimulatorFault.QueryFaults }),
        Phone(SlowPush, "The push's answer comes after the portal stopped waiting, but the prompt went out: paid, and the callback comes",
            Success with { Fault = SimulatorFault.SlowPush }),
        Phone(SlowQuery, "Paid, no callback; the first STK query's answer comes after the portal stopped waiting",
            Success with { Callbacks = 0, Fault = SimulatorFault.SlowQuery }),
    ];

    /// <summary>The outcome for a 12-digit MSISDN (2547XXXXXXXX / 2541XXXXXXXX).</summary>
    public static SimulatorOutcome OutcomeFor(string msisdn)
    {
        foreach (var phone in All)
        {
            if (phone.Msisdn == msisdn)
            {
                return phone.Outcome;
            }
        }

        return Success;
    }

    private static SimulatorPhone Phone(string local, string description, SimulatorOutcome outcome) =>
        new(local, "254" + local[1..], description, outcome);
}
