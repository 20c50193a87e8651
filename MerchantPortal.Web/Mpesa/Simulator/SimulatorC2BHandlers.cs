using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>C2B register URL and simulate, and Pull Transactions register and query (docs/c2b-daraja.md).</summary>
internal static class SimulatorC2BHandlers
{
    public static async Task<IResult> RegisterUrlAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorC2BLedger ledger, SimulatorCallbackTargets targets,
        SimulatorStrictRules strict)
    {
        var (document, owner, refusal) = await ReadAsync(request, state, strict);
        if (document is null)
        {
            return refusal!;
        }

        using var _ = document;
        var registration = SimulatorC2BValidation.ReadRegistration(
            document.RootElement, targets.IsPortalC2BCallback, strict.AllowsCallbackUrl, out var invalidField);
        if (registration is null || !strict.ServesC2B(registration.ShortCode, owner))
        {
            return SimulatorResponses.InvalidField(registration is null ? invalidField : "ShortCode");
        }

        // Sandbox behaviour: a second registration overwrites (production refuses it with 500.003.1001).
        ledger.Register(registration);
        // "OriginatorCoversationID" (no "n") is Daraja's own spelling.
        return SimulatorResponses.Ok(new
        {
            OriginatorCoversationID = SimulatorIds.NewRequestId(),
            ResponseCode = "0",
            ResponseDescription = "Success",
        });
    }

    public static async Task<IResult> SimulateAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorC2BLedger ledger, SimulatorStrictRules strict,
        IOptionsMonitor<MpesaOptions> monitor)
    {
        var (document, owner, refusal) = await ReadAsync(request, state, strict);
        if (document is null)
        {
            return refusal!;
        }

        using var _ = document;
        var simulate = SimulatorC2BValidation.ReadSimulate(document.RootElement, monitor.CurrentValue.Simulator, out var invalidField);
        if (simulate is null || !strict.ServesC2B(simulate.ShortCode, owner))
        {
            return SimulatorResponses.InvalidField(simulate is null ? invalidField : "ShortCode");
        }

        var payment = ledger.Accept(simulate);
        // TransID is the simulator's addition (Daraja names no receipt here): a client can follow the payment by it.
        return SimulatorResponses.Ok(new
        {
            OriginatorCoversationID = SimulatorIds.NewRequestId(),
            ResponseCode = "0",
            ResponseDescription = "Accept the service request successfully.",
            TransID = payment.Receipt,
        });
    }

    public static async Task<IResult> RegisterPullAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorC2BLedger ledger, SimulatorStrictRules strict)
    {
        var (document, owner, refusal) = await ReadAsync(request, state, strict);
        if (document is null)
        {
            return refusal!;
        }

        using var _ = document;
        var register = SimulatorC2BValidation.ReadPullRegister(document.RootElement, out var invalidField);
        if (register is null || !strict.ServesC2B(register.ShortCode, owner))
        {
            return SimulatorResponses.InvalidField(register is null ? invalidField : "ShortCode");
        }

        var first = ledger.RegisterPull(register.ShortCode);
        return SimulatorResponses.Ok(new
        {
            ResponseRefID = Guid.NewGuid().ToString(),
            ResponseStatus = first ? "1000" : "1001",
            register.ShortCode,
            ResponseDescription = first ? "Shortcode Registered Successfully" : "ShortCode already Registered",
        });
    }

    public static async Task<IResult> QueryPullAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorC2BLedger ledger, SimulatorStrictRules strict,
        IOptionsMonitor<MpesaOptions> monitor)
    {
        var (document, owner, refusal) = await ReadAsync(request, state, strict);
        if (document is null)
        {
            return refusal!;
        }

        using var _ = document;
        var query = SimulatorC2BValidation.ReadPullQuery(document.RootElement, out var invalidField);
        if (query is null || !strict.ServesC2B(query.ShortCode, owner))
        {
            return SimulatorResponses.InvalidField(query is null ? invalidField : "ShortCode");
        }

        // Daraja's FAQ: no pull without registering first. Its answer to one is not documented; this is ours.
        if (!ledger.IsPullRegistered(query.ShortCode))
        {
            return SimulatorResponses.Error(StatusCodes.Status400BadRequest, "400.001", "Invalid ShortCode: not registered for Pull");
        }

        // OffSetValue is a row offset ("for results 101-200 type 100").
        var pageSize = Math.Max(1, monitor.CurrentValue.Simulator.PullPageSize);
        var rows = ledger.Completed(query.ShortCode, query.From, query.To).Skip(query.Offset).Take(pageSize)
            .Select(SimulatorC2BResponses.PullRow).ToList();
        // The rows come wrapped in one more array, and an empty answer is "[[]]" with 1001.
        return SimulatorResponses.Ok(new
        {
            ResponseRefID = Guid.NewGuid().ToString(),
            ResponseCode = rows.Count > 0 ? "1000" : "1001",
            ResponseMessage = rows.Count > 0 ? "Success" : "No transactions available for the selected time period",
            Response = new[] { rows },
        });
    }

    /// <summary>
    /// The body as JSON and the consumer key its token was issued to, after the token and body-size checks; or the
    /// refusal to answer instead.
    /// </summary>
    private static async Task<(JsonDocument? Document, string Owner, IResult? Refusal)> ReadAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorStrictRules strict)
    {
        if (SimulatorHandlers.CheckBearer(request, state, out var owner) is { } authError)
        {
            return (null, owner, authError);
        }

        if (strict.RefuseUnsizedBody(request) is { } unsized)
        {
            return (null, owner, unsized);
        }

        var document = await SimulatorHandlers.ReadJsonAsync(request);
        return document is not null ? (document, owner, null)
            : request.HasJsonContentType() ? (null, owner, SimulatorResponses.InvalidPayload())
            : (null, owner, SimulatorResponses.InvalidField("ShortCode"));
    }
}
