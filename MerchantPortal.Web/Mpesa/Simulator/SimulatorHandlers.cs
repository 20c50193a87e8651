using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa.Simulator;

internal static class SimulatorHandlers
{
    public static IResult GenerateToken(HttpRequest request, DarajaSimulatorState state, IOptionsMonitor<MpesaOptions> monitor)
    {
        if (!TryReadBasic(request, out var key, out var secret))
        {
            return SimulatorResponses.Error(StatusCodes.Status400BadRequest, "400.008.01", "Invalid Authentication passed");
        }

        // Real Daraja reports a URL with trailing whitespace as a bad grant type too; the exact match gives the same.
        if (request.Query["grant_type"].ToString() != "client_credentials")
        {
            return SimulatorResponses.Error(StatusCodes.Status400BadRequest, "400.008.02", "Invalid grant type passed");
        }

        // Daraja's answer to a wrong key/secret is UNCONFIRMED (daraja.md §1, §9). We answer 401 with the usual
        // error envelope so a client sees a distinct, non-2xx "bad credentials" failure.
        var app = SimulatorApps.Find(monitor.CurrentValue, key, secret);
        if (app is null)
        {
            return SimulatorResponses.Error(StatusCodes.Status401Unauthorized, "401.002.01",
                "Error Occurred - Invalid Access Token - Invalid Credentials");
        }

        if (app.OAuthFault != SimulatorGatewayFault.None)
        {
            return SimulatorFaults.Gateway(app.OAuthFault);
        }

        // expires_in is a string on the wire, though the portal sample shows a number.
        var token = state.IssueToken(app.ConsumerKey, SimulatorFaults.RevokesOnNewToken(monitor.CurrentValue.Simulator));
        return SimulatorResponses.Ok(new { access_token = token, expires_in = "3599" });
    }

    public static async Task<IResult> StkPushAsync(
        HttpRequest request, DarajaSimulatorState state, SimulatorCallbackTargets callbackTargets, IOptionsMonitor<MpesaOptions> monitor,
        SimulatorStrictRules strict, TimeProvider timeProvider)
    {
        if (CheckBearer(request, state, out var tokenOwner) is { } authError)
        {
            return authError;
        }

        if (strict.RefuseUnsizedBody(request) is { } unsized)
        {
            return unsized;
        }

        using var document = await ReadJsonAsync(request);
        if (document is null)
        {
            return request.HasJsonContentType() ? SimulatorResponses.InvalidPayload() : SimulatorResponses.InvalidField("BusinessShortCode");
        }

        var options = monitor.CurrentValue;
        var push = SimulatorValidation.ReadPush(document.RootElement, options.Simulator, out var invalidField);
        if (push is null)
        {
            return SimulatorResponses.InvalidField(invalidField);
        }

        // Anyone may call the simulator: it calls back only the portal's own callback path, never a URL of the
        // caller's choosing, refused the way Daraja refuses a CallBackURL it will not use.
        if (!callbackTargets.IsPortalCallback(push.CallBackUrl) || !strict.AllowsCallbackUrl(push.CallBackUrl))
        {
            return SimulatorResponses.InvalidField("CallBackURL");
        }

        if (strict.RefuseMerchant(push.BusinessShortCode, tokenOwner, push.Timestamp, push.Password) is { } refusal)
        {
            return refusal;
        }

        if (SimulatorFaults.RefuseUnstarted(push) is { } unavailable)
        {
            return unavailable;
        }

        var session = state.TryOpenSession(push, options.Simulator, strict.RuledOutcome(push, tokenOwner));
        if (session is null)
        {
            return SimulatorResponses.Merchant(
                "Unable to lock subscriber, a transaction is already in process for the current subscriber");
        }

        const string accepted = "Success. Request accepted for processing";
        return await SimulatorFaults.AnswerPushAsync(session, SimulatorResponses.Ok(new
        {
            MerchantRequestID = session.MerchantRequestId,
            CheckoutRequestID = session.CheckoutRequestId,
            ResponseCode = "0",
            ResponseDescription = accepted,
            CustomerMessage = accepted,
        }), options.Simulator, timeProvider, request.HttpContext.RequestAborted);
    }

    public static async Task<IResult> StkQueryAsync(
        HttpRequest request, DarajaSimulatorState state, IOptionsMonitor<MpesaOptions> monitor, TimeProvider timeProvider,
        SimulatorStrictRules strict)
    {
        if (CheckBearer(request, state, out var tokenOwner) is { } authError)
        {
            return authError;
        }

        if (strict.RefuseUnsizedBody(request) is { } unsized)
        {
            return unsized;
        }

        using var document = await ReadJsonAsync(request);
        if (document is null)
        {
            return request.HasJsonContentType() ? SimulatorResponses.InvalidPayload() : SimulatorResponses.InvalidField("BusinessShortCode");
        }

        var options = monitor.CurrentValue;
        var query = SimulatorValidation.ReadQuery(document.RootElement, out var invalidField);
        if (query is null)
        {
            return SimulatorResponses.InvalidField(invalidField);
        }

        if (strict.RefuseMerchant(query.BusinessShortCode, tokenOwner, query.Timestamp, query.Password) is { } refusal)
        {
            return refusal;
        }

        var session = state.FindSession(query.CheckoutRequestId);
        if (session is null || session.BusinessShortCode != query.BusinessShortCode)
        {
            return SimulatorResponses.InvalidField("CheckoutRequestID");
        }

        if (await SimulatorFaults.InterceptQueryAsync(session, options.Simulator, timeProvider, request.HttpContext.RequestAborted) is { } interim)
        {
            return interim;
        }

        // Pending is an error envelope (not a result), and its requestId carries the CheckoutRequestID.
        if (!session.IsDecided(timeProvider.GetUtcNow()))
        {
            return SimulatorResponses.Merchant(SimulatorResponses.BeingProcessed, session.CheckoutRequestId);
        }

        // ResultCode is a string here (a number in the callback); "successsfully" is Daraja's own spelling.
        return SimulatorResponses.Ok(new
        {
            ResponseCode = "0",
            ResponseDescription = "The service request has been accepted successsfully",
            MerchantRequestID = session.MerchantRequestId,
            CheckoutRequestID = session.CheckoutRequestId,
            ResultCode = session.Outcome.ResultCode.ToString(CultureInfo.InvariantCulture),
            session.Outcome.ResultDesc,
        });
    }

    internal static IResult? CheckBearer(HttpRequest request, DarajaSimulatorState state, out string tokenOwner)
    {
        tokenOwner = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return SimulatorResponses.InvalidAuthenticationHeader();
        }

        var owner = state.TokenOwner(header["Bearer ".Length..].Trim());
        tokenOwner = owner ?? "";
        return owner is null ? SimulatorResponses.InvalidAccessToken() : null;
    }

    /// <summary>The body as a JSON object, or null when it is not JSON (wrong content type or unparseable).</summary>
    internal static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryReadBasic(HttpRequest request, out string key, out string secret)
    {
        key = secret = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            (key, secret) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
