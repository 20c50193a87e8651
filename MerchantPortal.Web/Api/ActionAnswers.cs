using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Idempotency;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Api;

/// <summary>How the actions answer: the envelope for a service result, rate limits, and idempotent replays.</summary>
public static class ActionAnswers
{
    /// <summary>
    /// With an <c>Idempotency-Key</c> header (or <c>idempotency_key</c> field) the first answer is stored and
    /// replayed to retries, so a retried request never starts a second push.
    /// </summary>
    internal static async Task<IResult> IdempotentAsync(ActionCall call, string scope, string fingerprint, Func<Task<StoredAnswer>> run)
    {
        var header = call.Http.Request.Headers["Idempotency-Key"].ToString().Trim();
        var key = header.Length > 0 ? header : call.Input["idempotency_key"];
        if (key is null)
        {
            var answer = await run();
            return Results.Content(answer.Body, "application/json", System.Text.Encoding.UTF8, answer.Status);
        }

        var stored = await call.Service<IdempotencyService>().RunAsync(scope, key, fingerprint, run, call.Aborted);
        if (!stored.Succeeded)
        {
            return ApiEnvelope.From(stored.Error!, call.Http);
        }

        return Results.Content(stored.Value!.Body, "application/json", System.Text.Encoding.UTF8, stored.Value.Status);
    }

    internal static StoredAnswer Answer<T>(ActionCall call, Result<T> result, Func<T, ApiEnvelope> ok)
    {
        if (result.Error?.Kind == ErrorKind.RateLimited)
        {
            call.Http.Response.Headers.RetryAfter = "60";
        }

        var envelope = result.Succeeded ? ok(result.Value!) : ApiEnvelope.Fail(result.Error!, call.Http.TraceIdentifier);
        var status = result.Succeeded ? StatusCodes.Status200OK : ApiEnvelope.HttpStatus(result.Error!.Kind);
        return new StoredAnswer(status, System.Text.Json.JsonSerializer.Serialize(envelope, ApiEnvelope.Json));
    }

    internal static StoredAnswer TooManyAnswer(ActionCall call, string message) =>
        Answer<object>(call, new ServiceError(ErrorKind.RateLimited, "rate_limited", message), _ => null!);

    internal static ApiEnvelope Started(PushStarted s) => ApiEnvelope.Ok(
        s.CustomerMessage ?? "STK push sent: the customer should enter their M-Pesa PIN.",
        new { transaction_id = s.TransactionId, checkout_request_id = s.CheckoutRequestId, status = s.Status });

    internal static IResult Map<T>(ActionCall call, Result<T> result, Func<T, ApiEnvelope> ok) =>
        result.Succeeded ? ok(result.Value!).ToResult() : ApiEnvelope.From(result.Error!, call.Http);

    internal static IResult TooMany(ActionCall call, string message)
    {
        call.Http.Response.Headers.RetryAfter = "60";
        return ApiEnvelope.From(new ServiceError(ErrorKind.RateLimited, "rate_limited", message), call.Http);
    }
}
