using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>One reversal the simulator accepted, and what it will post back (or not) once its delay has passed.</summary>
internal sealed record SimulatorReversal(
    string ConversationId, string OriginatorConversationId, string Receipt, long Amount, string ReceiverParty,
    string ResultUrl, string QueueTimeOutUrl, SimulatorReversalOutcome Outcome, DateTimeOffset Due);

internal enum SimulatorReversalOutcome
{
    Reversed,
    InitiatorInvalid,
    AlreadyReversed,
    QueueTimeout,
    NoCallback,
}

/// <summary>
/// The Reversal API (<c>/mpesa/reversal/v1/request</c>): the request's fields checked as Daraja does, an acceptance
/// answer, then the result posted to ResultURL after the simulator's callback delay. The failure cases go by the
/// whole amount's last two digits: 71 the initiator is invalid (2001), 72 already reversed (R000001), 73 a queue
/// timeout (posted to QueueTimeOutURL), 74 reversed without any answer; any receipt reversed once is refused as already
/// reversed.
/// </summary>
public sealed class SimulatorReversals
{
    private readonly ConcurrentDictionary<string, bool> reversedReceipts = new(StringComparer.Ordinal);

    internal Channel<SimulatorReversal> Work { get; } = Channel.CreateUnbounded<SimulatorReversal>();

    /// <summary>Reversal requests accepted so far (tests count them: one approval, one request).</summary>
    public int Accepted => accepted;

    private int accepted;

    internal static SimulatorReversalOutcome OutcomeFor(long amount) => (amount % 100) switch
    {
        71 => SimulatorReversalOutcome.InitiatorInvalid,
        72 => SimulatorReversalOutcome.AlreadyReversed,
        73 => SimulatorReversalOutcome.QueueTimeout,
        74 => SimulatorReversalOutcome.NoCallback,
        _ => SimulatorReversalOutcome.Reversed,
    };

    internal static async Task<IResult> RequestAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorCallbackTargets targets, SimulatorReversals reversals,
        IOptionsMonitor<MpesaOptions> monitor, TimeProvider time)
    {
        if (SimulatorHandlers.CheckBearer(request, state, out _) is { } authError)
        {
            return authError;
        }

        using var document = await SimulatorHandlers.ReadJsonAsync(request);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return SimulatorResponses.InvalidPayload();
        }

        var body = document.RootElement;
        foreach (var field in new[] { "Initiator", "SecurityCredential", "TransactionID", "ReceiverParty", "Remarks" })
        {
            if (string.IsNullOrWhiteSpace(Text(body, field)))
            {
                return SimulatorResponses.InvalidField(field);
            }
        }

        if (Text(body, "CommandID") != "TransactionReversal")
        {
            return SimulatorResponses.InvalidField("CommandID");
        }

        if (Text(body, "RecieverIdentifierType") is not ("11" or "4"))
        {
            return SimulatorResponses.InvalidField("RecieverIdentifierType");
        }

        if (!decimal.TryParse(Text(body, "Amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return SimulatorResponses.InvalidField("Amount");
        }

        var resultUrl = Text(body, "ResultURL");
        var timeoutUrl = Text(body, "QueueTimeOutURL");
        // As for STK callbacks: the simulator posts only to this portal's own reversal paths.
        if (!targets.IsPortalReversalCallback(resultUrl))
        {
            return SimulatorResponses.InvalidField("ResultURL");
        }

        if (!targets.IsPortalReversalCallback(timeoutUrl))
        {
            return SimulatorResponses.InvalidField("QueueTimeOutURL");
        }

        var receipt = Text(body, "TransactionID")!.Trim();
        var whole = (long)decimal.Truncate(amount);
        var outcome = OutcomeFor(whole);
        // "No answer" reverses all the same (the result is what gets lost), so asking again is told "already reversed".
        if (outcome is SimulatorReversalOutcome.Reversed or SimulatorReversalOutcome.NoCallback && !reversals.reversedReceipts.TryAdd(receipt, true))
        {
            outcome = SimulatorReversalOutcome.AlreadyReversed;
        }

        var now = time.GetUtcNow();
        var conversation = "AG_" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "_" + SimulatorIds.Hex(10);
        var originator = SimulatorIds.Hex(4) + "-" + SimulatorIds.Hex(4);
        var delay = TimeSpan.FromSeconds(Math.Max(0, monitor.CurrentValue.Simulator.CallbackDelaySeconds));
        Interlocked.Increment(ref reversals.accepted);
        await reversals.Work.Writer.WriteAsync(new SimulatorReversal(conversation, originator, receipt, whole, Text(body, "ReceiverParty")!,
            resultUrl!, timeoutUrl!, outcome, now + delay), request.HttpContext.RequestAborted);
        return SimulatorResponses.Ok(new
        {
            OriginatorConversationID = originator,
            ConversationID = conversation,
            ResponseCode = "0",
            ResponseDescription = "Accept the service request successfully.",
        });
    }

    /// <summary>What M-Pesa posts back for the reversal: the result, or the queue timeout's notice.</summary>
    internal static string ResultJson(SimulatorReversal r, DateTimeOffset now)
    {
        var (code, description) = r.Outcome switch
        {
            SimulatorReversalOutcome.InitiatorInvalid => ((object)2001, "The initiator information is invalid."),
            SimulatorReversalOutcome.AlreadyReversed => ("R000001", "The transaction has already been reversed."),
            SimulatorReversalOutcome.QueueTimeout => (1, "The service request timed out in the queue."),
            _ => (0, "The service request is processed successfully."),
        };
        var reversalId = "R" + SimulatorIds.Alphanumeric(9);
        object? parameters = r.Outcome == SimulatorReversalOutcome.Reversed
            ? new
            {
                ResultParameter = new object[]
                {
                    new { Key = "DebitAccountBalance", Value = "Utility Account|KES|0.00|0.00|0.00|0.00" },
                    new { Key = "Amount", Value = r.Amount.ToString("0.00", CultureInfo.InvariantCulture) },
                    new { Key = "TransCompletedTime", Value = now.ToOffset(TimeSpan.FromHours(3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) },
                    new { Key = "OriginalTransactionID", Value = r.Receipt },
                    new { Key = "Charge", Value = "0.00" },
                    new { Key = "CreditPartyPublicName", Value = "254708000000 - SIMULATED CUSTOMER" },
                    new { Key = "DebitPartyPublicName", Value = r.ReceiverParty + " - SIMULATED BUSINESS" },
                },
            }
            : null;
        return JsonSerializer.Serialize(new
        {
            Result = new
            {
                ResultType = r.Outcome == SimulatorReversalOutcome.QueueTimeout ? 1 : 0,
                ResultCode = code,
                ResultDesc = description,
                OriginatorConversationID = r.OriginatorConversationId,
                ConversationID = r.ConversationId,
                TransactionID = r.Outcome == SimulatorReversalOutcome.Reversed ? reversalId : r.Receipt,
                ResultParameters = parameters,
                ReferenceData = new { ReferenceItem = new { Key = "QueueTimeoutURL", Value = "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit" } },
            },
        });
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}

/// <summary>Posts each accepted reversal's answer when it is due: once, as Daraja does not retry.</summary>
internal sealed class SimulatorReversalWorker(
    SimulatorReversals reversals, SimulatorCallbackTargets targets, IHttpClientFactory httpClientFactory, TimeProvider time,
    ILogger<SimulatorReversalWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reversal in reversals.Work.Reader.ReadAllAsync(stoppingToken))
            {
                _ = DeliverAsync(reversal, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(SimulatorReversal reversal, CancellationToken stoppingToken)
    {
        try
        {
            var wait = reversal.Due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            if (reversal.Outcome == SimulatorReversalOutcome.NoCallback)
            {
                return;
            }

            var url = reversal.Outcome == SimulatorReversalOutcome.QueueTimeout ? reversal.QueueTimeOutUrl : reversal.ResultUrl;
            if (!targets.IsPortalReversalCallback(url))
            {
                return;
            }

            var client = httpClientFactory.CreateClient(SimulatorEndpoints.CallbackClientName);
            using var content = new StringContent(SimulatorReversals.ResultJson(reversal, time.GetUtcNow()), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(url, content, stoppingToken);
            logger.LogDebug("Reversal result {ConversationId} posted: HTTP {Status}", reversal.ConversationId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogDebug(ex, "Reversal result {ConversationId} not delivered", reversal.ConversationId);
        }
    }
}
