using System.Globalization;
using System.Text.Json;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>Daraja's wire shapes. Names are written exactly as given (no camel-casing policy).</summary>
internal static class SimulatorResponses
{
    public const string BeingProcessed = "The transaction is being processed";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static IResult Ok(object body) => Results.Json(body, Json);

    /// <summary>The Daraja error envelope; <paramref name="requestId"/> is random unless given.</summary>
    public static IResult Error(int status, string code, string message, string? requestId = null) =>
        Results.Json(new { requestId = requestId ?? SimulatorIds.NewRequestId(), errorCode = code, errorMessage = message },
            Json, statusCode: status);

    public static IResult InvalidField(string field) =>
        Error(StatusCodes.Status400BadRequest, "400.002.02", "Bad Request - Invalid " + field);

    public static IResult InvalidPayload() =>
        Error(StatusCodes.Status400BadRequest, "400.002.05", "Invalid Request Payload");

    public static IResult InvalidAccessToken() =>
        Error(StatusCodes.Status404NotFound, "404.001.03", "Invalid Access Token");

    public static IResult InvalidAuthenticationHeader() =>
        Error(StatusCodes.Status404NotFound, "404.001.04", "Invalid Authentication Header");

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "404.001.01", "Resource not found");

    public static IResult MethodNotAllowed() => Error(StatusCodes.Status405MethodNotAllowed, "405.001", "Method Not Allowed");

    /// <summary>Daraja overloads 500.001.1001 with several meanings; clients must read the message too.</summary>
    public static IResult Merchant(string message, string? requestId = null) =>
        Error(StatusCodes.Status500InternalServerError, "500.001.1001", message, requestId);

    /// <summary>Callback body (daraja.md §3): ResultCode a number, typed Item values, Balance without Value.</summary>
    public static string CallbackJson(SimulatorSession session)
    {
        var outcome = session.Outcome;
        object callback = outcome.IsSuccess
            ? new
            {
                MerchantRequestID = session.MerchantRequestId,
                CheckoutRequestID = session.CheckoutRequestId,
                outcome.ResultCode,
                outcome.ResultDesc,
                CallbackMetadata = new
                {
                    Item = new object[]
                    {
                        new { Name = "Amount", Value = session.Amount + 0.00m },
                        new { Name = "MpesaReceiptNumber", Value = session.ReceiptNumber },
                        new { Name = "Balance" },
                        new { Name = "TransactionDate", Value = AsNumber(SimulatorIds.ToEat(session.DueAt).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)) },
                        new { Name = "PhoneNumber", Value = AsNumber(session.PhoneNumber) },
                    },
                },
            }
            : new
            {
                MerchantRequestID = session.MerchantRequestId,
                CheckoutRequestID = session.CheckoutRequestId,
                outcome.ResultCode,
                outcome.ResultDesc,
            };

        return JsonSerializer.Serialize(new { Body = new { stkCallback = callback } }, Json);
    }

    private static long AsNumber(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);
}
