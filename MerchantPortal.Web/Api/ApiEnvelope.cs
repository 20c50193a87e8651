using System.Text.Json;
using System.Text.Json.Serialization;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The API document's envelope: <c>{"status","message","data"}</c>, plus the top-level fields it shows
/// (<c>user</c>, <c>public_url</c>, <c>key</c>) and, on errors, a stable <c>code</c>, per-field <c>errors</c>
/// and the <c>correlation_id</c> that is in our logs.
/// </summary>
public sealed class ApiEnvelope
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Responses are application/json (with nosniff), never HTML: URLs and names read as sent.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Status { get; init; } = "ok";

    public string Message { get; init; } = "";

    public object? Data { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? TopLevel { get; set; }

    public static ApiEnvelope Ok(string message, object? data = null, params (string Name, object? Value)[] topLevel) => new()
    {
        Message = message,
        Data = data,
        TopLevel = topLevel.Length == 0 ? null : topLevel.ToDictionary(t => t.Name, t => JsonSerializer.SerializeToElement(t.Value, Json)),
    };

    public static ApiEnvelope Fail(ServiceError error, string correlationId) => new()
    {
        Status = "error",
        Message = error.Message,
        Data = error.Data,
        Code = error.Code,
        Errors = error.Fields,
        CorrelationId = correlationId,
    };

    public static int HttpStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.Upstream => StatusCodes.Status502BadGateway,
        ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Where an answer leaves its error code for the request log (<see cref="RequestLogResult"/>).</summary>
    public const string CodeItem = "api.error_code";

    public IResult ToResult(int status = StatusCodes.Status200OK) => new EnvelopeResult(this, status);

    private sealed class EnvelopeResult(ApiEnvelope envelope, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Items[CodeItem] = envelope.Code;
            return Results.Json(envelope, Json, statusCode: status).ExecuteAsync(httpContext);
        }
    }

    public static IResult From(ServiceError error, HttpContext context) =>
        Fail(error, context.TraceIdentifier).ToResult(HttpStatus(error.Kind));
}
