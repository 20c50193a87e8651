using System.Globalization;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>What goes wrong for one push, chosen by its test phone (<see cref="SimulatorPhones"/>).</summary>
public enum SimulatorFault
{
    None,

    /// <summary>The STK query turns final as usual; the callback comes <c>Faults:LateCallbackSeconds</c> after.</summary>
    LateCallback,

    /// <summary>The first <c>Faults:InterimQueryAnswers</c> queries answer 4999 "still under processing".</summary>
    InterimQueries,

    /// <summary>The push is answered with a gateway fault, but the session opened: the callback comes.</summary>
    PushFault,

    /// <summary>The push is answered with an HTML 503 and no session opens: nothing ever comes.</summary>
    PushUnavailable,

    /// <summary>The first <c>Faults:InterimQueryAnswers</c> queries meet a gateway fault, then an HTML 503, in turn.</summary>
    QueryFaults,

    /// <summary>The push's answer is held <c>Faults:SlowAnswerSeconds</c>; the customer answers after that.</summary>
    SlowPush,

    /// <summary>The first query's answer is held <c>Faults:SlowAnswerSeconds</c>.</summary>
    SlowQuery,
}

/// <summary>
/// The faults the simulator produces on demand, so tests can show the portal ends in the right state when Daraja
/// misbehaves as it does live (docs/daraja-live.md, "Faults the simulator produces"). The handlers call these hooks.
/// </summary>
internal static class SimulatorFaults
{
    /// <summary>Daraja's result 17 (MpesaExpressSimulate, result codes): same amount, same customer, within 2 minutes.</summary>
    public static readonly SimulatorOutcome RuleLimited = new(17, "Rule limited.", 1);

    public static readonly TimeSpan RuleLimitWindow = TimeSpan.FromMinutes(2);

    /// <summary>Not on Daraja's pages; the text integrators match ("still under processing") with a code outside the final list.</summary>
    public const string StillUnderProcessingCode = "4999";

    public const string StillUnderProcessing = "The transaction is still under processing";

    public static bool RevokesOnNewToken(SimulatorOptions options) => options.Faults.RevokeOnNewToken ?? options.Strict;

    /// <summary>The outcome a push gets: result 17 when the phone was pushed the same amount within two minutes.</summary>
    public static SimulatorOutcome OutcomeFor(
        StkPushRequest request, IEnumerable<SimulatorSession> sessions, DateTimeOffset now, SimulatorOptions options) =>
        (options.Faults.RuleLimited ?? options.Strict)
        && sessions.Any(s => s.PhoneNumber == request.PhoneNumber && s.Amount == request.Amount && now - s.AcceptedAt < RuleLimitWindow)
            ? RuleLimited
            : SimulatorPhones.OutcomeFor(request.PhoneNumber);

    /// <summary>When the customer answers: after a slow push's answer has been sent, so it can come after the client gave up.</summary>
    public static DateTimeOffset DueAt(SimulatorOutcome outcome, DateTimeOffset answeredAt, SimulatorOptions options) =>
        outcome.Fault == SimulatorFault.SlowPush ? answeredAt + Seconds(options.Faults.SlowAnswerSeconds) : answeredAt;

    /// <summary>When the callback is POSTed, if not when the customer answers.</summary>
    public static DateTimeOffset? CallbackAt(SimulatorOutcome outcome, DateTimeOffset dueAt, SimulatorOptions options) =>
        outcome.Fault == SimulatorFault.LateCallback ? dueAt + Seconds(options.Faults.LateCallbackSeconds) : null;

    /// <summary>A push that meets an outage before anything starts, or null.</summary>
    public static IResult? RefuseUnstarted(StkPushRequest push) =>
        SimulatorPhones.OutcomeFor(push.PhoneNumber).Fault == SimulatorFault.PushUnavailable ? Gateway(SimulatorGatewayFault.Unavailable) : null;

    /// <summary>The answer to a push whose session is open: as given, replaced by a gateway fault, or held.</summary>
    public static async Task<IResult> AnswerPushAsync(
        SimulatorSession session, IResult answer, SimulatorOptions options, TimeProvider time, CancellationToken aborted)
    {
        switch (session.Outcome.Fault)
        {
            case SimulatorFault.PushFault:
                return Gateway(SimulatorGatewayFault.Fault);
            case SimulatorFault.SlowPush:
                await HoldAsync(options, time, aborted);
                return answer;
            default:
                return answer;
        }
    }

    /// <summary>An interim or faulty answer to this query of the session, or null for the usual answer.</summary>
    public static async Task<IResult?> InterceptQueryAsync(
        SimulatorSession session, SimulatorOptions options, TimeProvider time, CancellationToken aborted)
    {
        var query = session.CountQuery();
        var interim = query <= options.Faults.InterimQueryAnswers;
        switch (session.Outcome.Fault)
        {
            case SimulatorFault.InterimQueries when interim:
                // The final answer's shape with a code that is not final; "successsfully" is Daraja's own spelling.
                return SimulatorResponses.Ok(new
                {
                    ResponseCode = "0",
                    ResponseDescription = "The service request has been accepted successsfully",
                    MerchantRequestID = session.MerchantRequestId,
                    CheckoutRequestID = session.CheckoutRequestId,
                    ResultCode = StillUnderProcessingCode,
                    ResultDesc = StillUnderProcessing,
                });
            case SimulatorFault.QueryFaults when interim:
                return Gateway(query % 2 == 1 ? SimulatorGatewayFault.Fault : SimulatorGatewayFault.Unavailable);
            case SimulatorFault.SlowQuery when query == 1:
                await HoldAsync(options, time, aborted);
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// What a gateway in front of Daraja answers: Apigee's SOAP-style fault without an errorCode (shape as captured in
    /// bnjunge/MPESA-API-Tutorial #3 and #7), or an HTML 503 page such as Incapsula's (safaricom/mpesa-php-sdk #59).
    /// </summary>
    public static IResult Gateway(SimulatorGatewayFault fault) => fault switch
    {
        SimulatorGatewayFault.Fault => Results.Json(new
        {
            Envelope = new
            {
                encodingStyle = "http://schemas.xmlsoap.org/soap/encoding/",
                Body = new
                {
                    Fault = new
                    {
                        faultcode = "soap:Server",
                        faultstring = "Execution of ServiceCallout failed. Reason: timeout occurred",
                        faultactor = new { },
                        detail = new { source = new { errorcode = "steps.servicecallout.ExecutionFailed" } },
                    },
                },
            },
        }, SimulatorResponses.Json, statusCode: StatusCodes.Status500InternalServerError),
        _ => Results.Content(
            "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
            + "<p>Request unsuccessful. Incident ID: " + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) + "</p></body></html>",
            "text/html", statusCode: StatusCodes.Status503ServiceUnavailable),
    };

    private static async Task HoldAsync(SimulatorOptions options, TimeProvider time, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Seconds(options.Faults.SlowAnswerSeconds), time, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up waiting, which is the point; nobody reads what follows.
        }
    }

    private static TimeSpan Seconds(double value) =>
        double.IsFinite(value) && value > 0 ? TimeSpan.FromSeconds(value) : TimeSpan.Zero;
}
