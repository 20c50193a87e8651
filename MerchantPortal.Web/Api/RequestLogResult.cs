using System.Diagnostics;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RequestLogs;

namespace MerchantPortal.Web.Api;

/// <summary>
/// A signed-in merchant's action answer, written to the request log once it is sent: status, error code, duration,
/// the key's prefix (never the key), the idempotency key and the fields without secrets. Queued, never awaited.
/// </summary>
public sealed class RequestLogResult(IResult inner, string merchantId, string action, ActionInput input, long started) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await inner.ExecuteAsync(httpContext);
        var byKey = httpContext.User.Identity?.AuthenticationType == PortalSchemes.ApiKey;
        var key = byKey ? await PortalSchemes.FindApiKeyAsync(httpContext) : null;
        var idempotencyKey = ActionAnswers.IdempotencyKeyOf(httpContext, input);
        httpContext.RequestServices.GetRequiredService<RequestLogWriter>().Write(new ApiRequestLog
        {
            PublicId = "req_" + Ids.Random(20),
            MerchantId = merchantId,
            At = DateTimeOffset.UtcNow,
            Action = action,
            KeyPrefix = key is null ? null : Features.ApiKeys.ApiKeyService.PrefixOf(key),
            Status = httpContext.Response.StatusCode,
            ErrorCode = httpContext.Items[ApiEnvelope.CodeItem] as string,
            DurationMs = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            IdempotencyKey = idempotencyKey is { Length: > 255 } ? idempotencyKey[..255] : idempotencyKey,
            ClientIp = Hosting.ClientAddress.Of(httpContext),
            CorrelationId = httpContext.TraceIdentifier.Length <= 64 ? httpContext.TraceIdentifier : httpContext.TraceIdentifier[..64],
            Fields = RequestLogFields.ToJson(input.All.Where(f => f.Key != "action")),
            Livemode = httpContext.RequestServices.GetRequiredService<Features.Modes.DataMode>().ForNewRows,
        });
    }
}
