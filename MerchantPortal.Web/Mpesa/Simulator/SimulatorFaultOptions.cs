namespace MerchantPortal.Web.Mpesa;

/// <summary>What stands in front of a simulated Daraja call: nothing, an API-gateway fault, or an unavailable page.</summary>
public enum SimulatorGatewayFault
{
    None,

    /// <summary>HTTP 500 with Apigee's SOAP-style fault (<c>{"Envelope":{"Body":{"Fault":…}}}</c>) and no errorCode.</summary>
    Fault,

    /// <summary>HTTP 503 with an HTML page, as an Incapsula block or an outage answers.</summary>
    Unavailable,
}

/// <summary>
/// The faults the simulator produces on demand (section <c>Mpesa:Simulator:Faults</c>); which payment meets them is
/// chosen by the test phones in <see cref="Simulator.SimulatorPhones"/>. A null switch follows <c>Mpesa:Simulator:Strict</c>.
/// </summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>
    /// Seconds after the customer's answer that a late callback comes: by default after the reconciler's first STK
    /// query (Mpesa:Reconcile:AfterSeconds, 30) has told.
    /// </summary>
    public double LateCallbackSeconds { get; set; } = 60;

    /// <summary>How many STK queries answer 4999 "still under processing" (or a fault) before the real answer.</summary>
    public int InterimQueryAnswers { get; set; } = 2;

    /// <summary>Seconds a slow answer is held: longer than the client waits (Mpesa:TimeoutSeconds by default).</summary>
    public double SlowAnswerSeconds { get; set; } = 60;

    /// <summary>Issuing a token to an app revokes its earlier ones, as Daraja may. Null: on when Strict.</summary>
    public bool? RevokeOnNewToken { get; set; }

    /// <summary>A push for the same amount to the same phone within two minutes of another ends with result 17. Null: on when Strict.</summary>
    public bool? RuleLimited { get; set; }
}
