using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Idempotency;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Api;

/// <summary>How the actions answer: the envelope for a service result, rate limits, and idempotent replays.</summary>
public static class ActionAnswers
{
    /// <summary>
    /// With an <c>Idempotency-Key</c> header (or <c>idempotency_key</c> field) the first kept answer is stored and
    /// replayed to retries, so a retried request never starts a second push; see <see cref="KeyedAnswer"/>.
    /// </summary>
    internal static async Task<IResult> IdempotentAsync(ActionCall call, string scope, string fingerprint, Func<Task<KeyedAnswer>> run)
    {
        var key = IdempotencyKeyOf(call.Http, call.Input);
        if (key is null)
        {
            return Content(call, (await run()).Answer);
        }

        // Every keyed action starts a push: an abandoned first request is answered with the payment it started.
        var stored = await call.Service<IdempotencyService>().RunAsync(scope, key, fingerprint, run, call.Aborted,
            async claimId => await call.Service<PaymentService>().StartedUnderClaimAsync(claimId, call.Aborted) is { } started
                ? Answer(call, Result<PushStarted>.Ok(started), Started)
                : null);
        return stored.Succeeded ? Content(call, stored.Value!) : ApiEnvelope.From(stored.Error!, call.Http);
    }

    /// <summary>The request's Idempotency-Key header, else its <c>idempotency_key</c> field, else null.</summary>
    internal static string? IdempotencyKeyOf(HttpContext http, ActionInput input)
    {
        var header = http.Request.Headers[IdempotencyService.Header].ToString().Trim();
        return header.Length > 0 ? header : input[IdempotencyService.Field];
    }

    /// <summary>A push request's answer, kept under its idempotency key only when the push was attempted.</summary>
    internal static KeyedAnswer PushAnswer(ActionCall call, Result<PushStarted> result) =>
        new(Answer(call, result, Started), PushAttempt.WasMade(result));

    internal static StoredAnswer Answer<T>(ActionCall call, Result<T> result, Func<T, ApiEnvelope> ok)
    {
        SetRetryAfter(call, result.Error);
        var envelope = result.Succeeded ? ok(result.Value!) : ApiEnvelope.Fail(result.Error!, call.Http.TraceIdentifier);
        var status = result.Succeeded ? StatusCodes.Status200OK : ApiEnvelope.HttpStatus(result.Error!.Kind);
        return new StoredAnswer(status, System.Text.Json.JsonSerializer.Serialize(envelope, ApiEnvelope.Json));
    }

    internal static ApiEnvelope Started(PushStarted s) => ApiEnvelope.Ok(
        s.CustomerMessage ?? "STK push sent: the customer should enter their M-Pesa PIN.",
        new { transaction_id = s.TransactionId, checkout_request_id = s.CheckoutRequestId, status = s.Status });

    internal static IResult Map<T>(ActionCall call, Result<T> result, Func<T, ApiEnvelope> ok)
    {
        SetRetryAfter(call, result.Error);
        return result.Succeeded ? ok(result.Value!).ToResult() : ApiEnvelope.From(result.Error!, call.Http);
    }

    /// <summary>Every limit counts in windows of a minute (the sign-in lockout answers 403, not 429).</summary>
    private static void SetRetryAfter(ActionCall call, ServiceError? error)
    {
        if (error?.Kind == ErrorKind.RateLimited)
        {
            call.Http.Response.Headers.RetryAfter = "60";
        }
    }

    /// <summary>A stored answer as sent; a refusal's code is read back for the request log (errors only: they are small).</summary>
    private static IResult Content(ActionCall call, StoredAnswer answer)
    {
        if (answer.Status >= StatusCodes.Status400BadRequest)
        {
            using var body = System.Text.Json.JsonDocument.Parse(answer.Body);
            call.Http.Items[ApiEnvelope.CodeItem] = body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }

        return Results.Content(answer.Body, "application/json", System.Text.Encoding.UTF8, answer.Status);
    }
}
