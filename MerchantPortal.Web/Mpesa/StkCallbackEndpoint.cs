using System.Text.Json;
using Microsoft.Extensions.Options;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Receives Daraja's STK result. The unguessable token in the path routes and authenticates it; the body is
/// read by item name (Daraja's order and types vary). Unknown tokens are logged and still answered 200.
/// </summary>
public static class StkCallbackEndpoint
{
    public const string Path = "/hooks/stk/{token}";

    public static IEndpointRouteBuilder MapStkCallback(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string token, HttpRequest request, TransactionOutcomeService outcomes, IOptionsMonitor<MpesaOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(StkCallbackEndpoint));
        if (!CallbackSources.IsAllowed(request.HttpContext, options.CurrentValue.CallbackAllowedIps))
        {
            logger.LogWarning("STK callback from {Address}, which is not in Mpesa:CallbackAllowedIps, ignored", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Json(new { ResultCode = 1, ResultDesc = "Rejected" }, statusCode: StatusCodes.Status403Forbidden);
        }

        StkOutcome? outcome;
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            using var document = JsonDocument.Parse(raw);
            outcome = Parse(document.RootElement);
        }
        catch (JsonException)
        {
            outcome = null;
        }

        if (outcome is null)
        {
            logger.LogWarning("Malformed STK callback ignored");
            return Results.Json(new { ResultCode = 1, ResultDesc = "Rejected: malformed callback" }, statusCode: 400);
        }

        await outcomes.ApplyCallbackAsync(token, outcome, raw, request.HttpContext.RequestAborted);
        return Results.Json(new { ResultCode = 0, ResultDesc = "Accepted" });
    }

    internal static StkOutcome? Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("Body", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("stkCallback", out var callback) || callback.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var checkout = DarajaJson.Text(callback, "CheckoutRequestID");
        var resultCode = DarajaJson.Text(callback, "ResultCode");
        if (string.IsNullOrEmpty(checkout) || string.IsNullOrEmpty(resultCode))
        {
            return null;
        }

        string? receipt = null;
        decimal? amount = null;
        if (callback.TryGetProperty("CallbackMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("Item", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                switch (DarajaJson.Text(item, "Name"))
                {
                    case "MpesaReceiptNumber":
                        receipt = DarajaJson.Text(item, "Value");
                        break;
                    case "Amount" when decimal.TryParse(DarajaJson.Text(item, "Value"), System.Globalization.CultureInfo.InvariantCulture, out var value):
                        // Kept exact: a fraction of a shilling is not the whole amount that was pushed.
                        amount = value;
                        break;
                }
            }
        }

        return new StkOutcome(checkout, DarajaJson.Text(callback, "MerchantRequestID"), resultCode, DarajaJson.Text(callback, "ResultDesc"), receipt, amount);
    }
}
