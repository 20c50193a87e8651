using System.Text.Json;
using MerchantPortal.Web.Features.Reversals;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Receives the Reversal API's asynchronous answers: the result (<c>…/result</c>) and a queue timeout (<c>…/timeout</c>).
/// The unguessable token in the path routes and authenticates them, as for the STK callback; an answer for an unknown
/// or already settled reversal is still acknowledged (M-Pesa would otherwise send it again).
/// </summary>
public static class ReversalCallbackEndpoint
{
    public const string ResultPath = "/hooks/reversal/{token}/result";
    public const string TimeoutPath = "/hooks/reversal/{token}/timeout";

    public static IEndpointRouteBuilder MapReversalCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapPost(ResultPath, (string token, HttpRequest request, ReversalResults results, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers) =>
            HandleAsync(token, timeout: false, request, results, options, loggers)).AllowAnonymous().DisableAntiforgery();
        app.MapPost(TimeoutPath, (string token, HttpRequest request, ReversalResults results, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers) =>
            HandleAsync(token, timeout: true, request, results, options, loggers)).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string token, bool timeout, HttpRequest request, ReversalResults results, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ReversalCallbackEndpoint));
        if (!CallbackSources.IsAllowed(request.HttpContext, options.CurrentValue.CallbackAllowedIps))
        {
            logger.LogWarning("Reversal callback from {Address}, which is not in Mpesa:CallbackAllowedIps, ignored", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Json(new { ResultCode = 1, ResultDesc = "Rejected" }, statusCode: StatusCodes.Status403Forbidden);
        }

        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        ReversalOutcome? outcome;
        try
        {
            using var document = JsonDocument.Parse(raw);
            outcome = ReversalResults.Read(document.RootElement, timeout);
        }
        catch (JsonException)
        {
            outcome = null;
        }

        if (outcome is null)
        {
            logger.LogWarning("Malformed reversal callback ignored");
            return Results.Json(new { ResultCode = 1, ResultDesc = "Rejected: malformed callback" }, statusCode: 400);
        }

        // Not the request's token: M-Pesa does not send a result twice, so one read is settled whatever the connection does.
        if (!await results.SettleAsync(token, outcome, raw, CancellationToken.None))
        {
            logger.LogInformation("Reversal callback for no pending reversal (unknown token, or settled already): acknowledged, nothing changed");
        }

        return Results.Json(new { ResultCode = 0, ResultDesc = "Accepted" });
    }
}
