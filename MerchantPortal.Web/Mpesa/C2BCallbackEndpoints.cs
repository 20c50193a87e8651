using System.Text.Json;
using MerchantPortal.Web.Features.C2B;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Receives Daraja's C2B validation and confirmation for an account, routed and authenticated by the account's token
/// in the path. Daraja gets its answer at once and always in its own shape; a confirmation is recorded before the
/// answer (a few statements), and a repeat is answered as the first was.
/// </summary>
public static class C2BCallbackEndpoints
{
    public static IEndpointRouteBuilder MapC2BCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapPost(C2BCallbackPaths.Confirmation, ConfirmAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(C2BCallbackPaths.Validation, ValidateAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ConfirmAsync(
        string token, HttpRequest request, C2BRecorder recorder, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(C2BCallbackEndpoints));
        if (!CallbackSources.IsAllowed(request.HttpContext, options.CurrentValue.CallbackAllowedIps))
        {
            logger.LogWarning("C2B confirmation from {Address}, which is not in Mpesa:CallbackAllowedIps, ignored", request.HttpContext.Connection.RemoteIpAddress);
            return Answer("""{"ResultCode":1,"ResultDesc":"Rejected"}""", StatusCodes.Status403Forbidden);
        }

        var (raw, payload) = await ReadAsync(request);
        if (payload is null)
        {
            logger.LogWarning("Malformed C2B confirmation ignored");
            return Answer("""{"ResultCode":1,"ResultDesc":"Rejected: malformed confirmation"}""", StatusCodes.Status400BadRequest);
        }

        try
        {
            // Recorded even if Daraja hangs up: the money has moved, and Daraja never sends it again.
            await recorder.RecordConfirmationAsync(token, payload, raw, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Still answered in Daraja's shape; Pull Transactions or the statement import recovers the payment.
            logger.LogError(ex, "ALERT: C2B confirmation {Receipt} could not be recorded", payload.TransId);
            return Answer("""{"ResultCode":1,"ResultDesc":"Failed: not recorded"}""", StatusCodes.Status500InternalServerError);
        }

        return Answer(C2BAnswers.AcknowledgeJson);
    }

    private static async Task<IResult> ValidateAsync(
        string token, HttpRequest request, C2BValidationService validation, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(C2BCallbackEndpoints));
        if (!CallbackSources.IsAllowed(request.HttpContext, options.CurrentValue.CallbackAllowedIps))
        {
            logger.LogWarning("C2B validation from {Address}, which is not in Mpesa:CallbackAllowedIps, ignored", request.HttpContext.Connection.RemoteIpAddress);
            return Answer("""{"ResultCode":"C2B00016","ResultDesc":"Rejected"}""", StatusCodes.Status403Forbidden);
        }

        var (_, payload) = await ReadAsync(request);
        var verdict = await validation.DecideAsync(token, payload, request.HttpContext.RequestAborted);
        return Answer(verdict.Accepted ? C2BAnswers.AcceptJson : C2BAnswers.RejectJson(verdict.RefusalCode!));
    }

    private static async Task<(string Raw, C2BPayload? Payload)> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            using var document = JsonDocument.Parse(raw);
            return (raw, C2BPayload.TryParse(document.RootElement, out var payload) ? payload : null);
        }
        catch (JsonException)
        {
            return (raw, null);
        }
    }

    private static IResult Answer(string json, int status = StatusCodes.Status200OK) =>
        Results.Content(json, "application/json", System.Text.Encoding.UTF8, status);
}
