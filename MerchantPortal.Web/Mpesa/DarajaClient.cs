using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Typed client for Daraja's OAuth, STK push and query, C2B register URL and simulate, and Pull Transactions (the
/// C2B facts in docs/c2b-daraja.md). It never sends a push twice: the only retry on
/// a push is after Daraja said the token was invalid, which means the push was refused before processing.
/// </summary>
public sealed class DarajaClient(
    HttpClient http,
    DarajaEndpoint endpoint,
    DarajaTokenCache tokens,
    IOptionsMonitor<MpesaOptions> options,
    TimeProvider time,
    ILogger<DarajaClient> logger)
{
    /// <summary>Daraja timestamps are East Africa Time, which has no daylight saving.</summary>
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    private TimeSpan PushTimeout => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.TimeoutSeconds));

    private TimeSpan QueryTimeout => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.QueryTimeoutSeconds));

    public async Task<DarajaResult<string>> GetTokenAsync(DarajaCredentials credentials, CancellationToken cancellationToken)
    {
        var token = await AccessTokenAsync(credentials, cancellationToken);
        return token.Succeeded ? DarajaResult<string>.Ok(token.Value!.Value) : DarajaResult<string>.Fail(token.Failure!);
    }

    private Task<DarajaResult<DarajaAccessToken>> AccessTokenAsync(DarajaCredentials credentials, CancellationToken cancellationToken) =>
        tokens.GetAsync(credentials, ct => FetchTokenAsync(credentials, ct), QueryTimeout, cancellationToken);

    public async Task<DarajaResult<StkPushAccepted>> StkPushAsync(
        DarajaCredentials credentials, StkPushCommand command, CancellationToken cancellationToken)
    {
        var (timestamp, password) = Password(command.BusinessShortCode, credentials.Passkey);
        var body = new Dictionary<string, object>
        {
            ["BusinessShortCode"] = command.BusinessShortCode,
            ["Password"] = password,
            ["Timestamp"] = timestamp,
            ["TransactionType"] = command.TransactionType,
            ["Amount"] = command.Amount,
            ["PartyA"] = command.Phone,
            ["PartyB"] = command.PartyB,
            ["PhoneNumber"] = command.Phone,
            ["CallBackURL"] = command.CallbackUrl,
            ["AccountReference"] = command.AccountReference,
            ["TransactionDesc"] = command.TransactionDesc,
        };

        var answer = await PostAsync(credentials, "mpesa/stkpush/v1/processrequest", body, PushTimeout, cancellationToken);
        if (!answer.Succeeded)
        {
            return DarajaResult<StkPushAccepted>.Fail(answer.Failure!) with { Exchange = answer.Exchange };
        }

        var response = answer.Value!;
        if (response.ResponseCode == "0" && !string.IsNullOrEmpty(response.CheckoutRequestID))
        {
            return DarajaResult<StkPushAccepted>.Ok(new StkPushAccepted(
                response.MerchantRequestID ?? "", response.CheckoutRequestID, response.CustomerMessage)) with { Exchange = answer.Exchange };
        }

        // A 2xx without a ResponseCode (a gateway's envelope, say) is not Daraja's answer about the push.
        var kind = string.IsNullOrEmpty(response.ResponseCode) ? DarajaFailureKind.Unavailable : DarajaFailureKind.Rejected;
        return DarajaResult<StkPushAccepted>.Fail(new DarajaFailure(kind, 200,
            response.ResponseCode ?? "unrecognised_answer", response.ResponseDescription ?? "Daraja did not accept the push.")) with { Exchange = answer.Exchange };
    }

    public async Task<DarajaResult<StkQueryResult>> StkQueryAsync(
        DarajaCredentials credentials, string businessShortCode, string checkoutRequestId, CancellationToken cancellationToken)
    {
        var (timestamp, password) = Password(businessShortCode, credentials.Passkey);
        var body = new Dictionary<string, object>
        {
            ["BusinessShortCode"] = businessShortCode,
            ["Password"] = password,
            ["Timestamp"] = timestamp,
            ["CheckoutRequestID"] = checkoutRequestId,
        };

        var answer = await PostAsync(credentials, "mpesa/stkpushquery/v1/query", body, QueryTimeout, cancellationToken);
        if (!answer.Succeeded)
        {
            var failure = answer.Failure!;
            // 500.001.1001 has four meanings; on a query, "being processed" means still pending, not failed.
            if (DarajaRefusals.IsBeingProcessed(failure))
            {
                return DarajaResult<StkQueryResult>.Ok(new StkQueryResult(true, null, failure.Message)) with { Exchange = answer.Exchange };
            }

            return DarajaResult<StkQueryResult>.Fail(failure) with { Exchange = answer.Exchange };
        }

        // Only a known final code settles a payment; "4999 still under processing" or a code never seen before is an
        // interim answer: asked again later, and unknown at the horizon if nothing final comes.
        var response = answer.Value!;
        return (string.IsNullOrEmpty(response.ResultCode)
            ? DarajaResult<StkQueryResult>.Ok(new StkQueryResult(true, null, response.ResponseDescription))
            : DarajaResult<StkQueryResult>.Ok(new StkQueryResult(!ResultCodes.IsFinal(response.ResultCode), response.ResultCode.Trim(), response.ResultDesc)))
            with { Exchange = answer.Exchange };
    }

    /// <summary>Registers the shortcode's C2B URLs (v2: confirmations carry a masked MSISDN).</summary>
    public async Task<DarajaResult<C2BRegistered>> RegisterC2BUrlsAsync(
        DarajaCredentials credentials, C2BRegisterCommand command, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["ShortCode"] = command.ShortCode,
            ["ResponseType"] = command.ResponseType,
            ["ConfirmationURL"] = command.ConfirmationUrl,
        };
        if (!string.IsNullOrEmpty(command.ValidationUrl))
        {
            body["ValidationURL"] = command.ValidationUrl;
        }

        var answer = await PostAsync(credentials, "mpesa/c2b/v2/registerurl", body, QueryTimeout, cancellationToken);
        return Accepted(answer, r => r.ResponseCode == "0",
            r => new C2BRegistered(r.OriginatorCoversationID ?? "", r.ResponseDescription), "Daraja did not register the URLs.");
    }

    /// <summary>Sandbox (and simulator) only: a customer pays the shortcode from the M-Pesa menu.</summary>
    public async Task<DarajaResult<C2BSimulated>> SimulateC2BAsync(
        DarajaCredentials credentials, C2BSimulateCommand command, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["ShortCode"] = command.ShortCode,
            ["CommandID"] = command.CommandId,
            ["Amount"] = command.Amount,
            ["Msisdn"] = command.Msisdn,
            ["BillRefNumber"] = command.BillRefNumber ?? "",
        };

        var answer = await PostAsync(credentials, "mpesa/c2b/v2/simulate", body, QueryTimeout, cancellationToken);
        return Accepted(answer, r => r.ResponseCode == "0",
            r => new C2BSimulated(r.OriginatorCoversationID ?? "", string.IsNullOrWhiteSpace(r.TransID) ? null : r.TransID.Trim()),
            "Daraja did not accept the payment.");
    }

    /// <summary>
    /// Asks M-Pesa to reverse a C2B payment (STK or menu): <c>CommandID</c> TransactionReversal, the receiver an
    /// organisation shortcode (<c>RecieverIdentifierType</c> 11, Daraja's spelling). Asynchronous: a 0 answer means
    /// accepted for processing; the outcome is posted to the result URL, or to the queue-timeout URL.
    /// </summary>
    public async Task<DarajaResult<ReversalAccepted>> ReversalAsync(
        DarajaCredentials credentials, ReversalCommand command, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["Initiator"] = command.Initiator,
            ["SecurityCredential"] = command.SecurityCredential,
            ["CommandID"] = "TransactionReversal",
            ["TransactionID"] = command.TransactionId,
            ["Amount"] = command.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReceiverParty"] = command.ReceiverParty,
            ["RecieverIdentifierType"] = "11",
            ["ResultURL"] = command.ResultUrl,
            ["QueueTimeOutURL"] = command.QueueTimeOutUrl,
            ["Remarks"] = command.Remarks,
            ["Occasion"] = command.Occasion,
        };

        var answer = await PostAsync(credentials, "mpesa/reversal/v1/request", body, QueryTimeout, cancellationToken);
        return Accepted(answer, r => r.ResponseCode == "0",
            r => new ReversalAccepted(r.ConversationID ?? "", r.OriginatorConversationID ?? r.OriginatorCoversationID ?? ""),
            "M-Pesa did not accept the reversal.");
    }

    /// <summary>Registers the shortcode for Pull Transactions (once; "already registered" counts as registered).</summary>
    public async Task<DarajaResult<PullRegistered>> RegisterPullAsync(
        DarajaCredentials credentials, PullRegisterCommand command, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["ShortCode"] = command.ShortCode,
            ["RequestType"] = "Pull",
            ["NominatedNumber"] = command.NominatedNumber,
            ["CallBackURL"] = command.CallbackUrl,
        };

        var answer = await PostAsync(credentials, "pulltransactions/v1/register", body, QueryTimeout, cancellationToken);
        return Accepted(answer, r => (r.ResponseStatus ?? r.ResponseStatusSpaced) is "1000" or "1001",
            r => new PullRegistered((r.ResponseStatus ?? r.ResponseStatusSpaced) == "1001", r.ResponseDescription ?? r.ResponseDescriptionSpaced),
            "Daraja did not register the shortcode for Pull Transactions.");
    }

    /// <summary>One page of the C2B payments to the shortcode between two times (Daraja keeps 48 hours).</summary>
    public async Task<DarajaResult<PullPage>> QueryPullAsync(
        DarajaCredentials credentials, string shortCode, DateTimeOffset from, DateTimeOffset to, int offset, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["ShortCode"] = shortCode,
            ["StartDate"] = DarajaTimes.PullDate(from),
            ["EndDate"] = DarajaTimes.PullDate(to),
            ["OffSetValue"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // 1000 carries rows; 1001 is "no transactions for the period" (its rows "[[]]").
        var answer = await PostAsync(credentials, "pulltransactions/v1/query", body, QueryTimeout, cancellationToken);
        return Accepted(answer, r => r.ResponseCode is "1000" or "1001",
            r => new PullPage(PullTransactionRows.Read(r.Rows ?? r.TransactionRows)), "Daraja did not list the transactions.");
    }

    /// <summary>A 2xx answer that says yes, mapped; one that says no is Daraja's refusal, as for a push.</summary>
    private static DarajaResult<T> Accepted<T>(
        DarajaResult<DarajaResponse> answer, Func<DarajaResponse, bool> says, Func<DarajaResponse, T> map, string refused)
    {
        if (!answer.Succeeded)
        {
            return DarajaResult<T>.Fail(answer.Failure!) with { Exchange = answer.Exchange };
        }

        var response = answer.Value!;
        if (says(response))
        {
            return DarajaResult<T>.Ok(map(response)) with { Exchange = answer.Exchange };
        }

        var code = response.ResponseCode ?? response.ResponseStatus ?? response.ResponseStatusSpaced;
        var kind = string.IsNullOrEmpty(code) ? DarajaFailureKind.Unavailable : DarajaFailureKind.Rejected;
        return DarajaResult<T>.Fail(new DarajaFailure(kind, 200, code ?? "unrecognised_answer",
            response.ResponseDescription ?? response.ResponseMessage ?? response.ResponseDescriptionSpaced ?? refused)) with { Exchange = answer.Exchange };
    }

    private (string Timestamp, string Password) Password(string shortCode, string passkey)
    {
        // One timestamp for both the body and the password: two would give "Wrong credentials".
        var timestamp = time.GetUtcNow().ToOffset(Eat).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return (timestamp, Convert.ToBase64String(Encoding.UTF8.GetBytes(shortCode + passkey + timestamp)));
    }

    private async Task<DarajaResult<DarajaResponse>> PostAsync(
        DarajaCredentials credentials, string path, object body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Serialised once, sent with a Content-Length: JsonContent streams chunked, and Daraja's gateway is not
        // known to accept chunked bodies (every client library read sends a length).
        var json = JsonSerializer.Serialize(body);
        for (var attempt = 1; ; attempt++)
        {
            var token = await AccessTokenAsync(credentials, cancellationToken);
            if (!token.Succeeded)
            {
                return DarajaResult<DarajaResponse>.Fail(token.Failure!);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUriFor(credentials), path))
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Value);
            var (result, status, text) = await SendAsync(request, path, timeout, cancellationToken);
            // A dead token means the request was refused before processing, so this one retry never sends a push twice.
            if (attempt == 1 && IsDeadToken(result.Failure))
            {
                logger.LogInformation("Daraja called the access token invalid ({Code}); fetching a new one", result.Failure!.Code);
                await tokens.InvalidateAsync(credentials, token.Value, CancellationToken.None);
                continue;
            }

            return result with { Exchange = Record(body, status, text) };
        }
    }

    /// <summary>
    /// Daraja's answers for a token it no longer accepts (expired, or revoked when the app was issued a newer one):
    /// 404.001.03 on its pages, 401.003.01 and plain HTTP 401 as seen live, always "Invalid Access Token".
    /// </summary>
    private static bool IsDeadToken(DarajaFailure? failure) =>
        failure is not null
        && (failure.HttpStatus == 401
            || failure.Code is "404.001.03" or "401.003.01"
            || failure.Message.Contains("Invalid Access Token", StringComparison.OrdinalIgnoreCase));

    private async Task<DarajaResult<(string Token, TimeSpan Lifetime)>> FetchTokenAsync(
        DarajaCredentials credentials, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await RequestTokenAsync(credentials, cancellationToken);
        PortalTelemetry.DarajaRequest("oauth", MetricResult(answer.Failure), Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private async Task<DarajaResult<(string Token, TimeSpan Lifetime)>> RequestTokenAsync(
        DarajaCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.BaseUriFor(credentials), "oauth/v1/generate?grant_type=client_credentials"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ConsumerKey.Trim() + ":" + credentials.ConsumerSecret.Trim())));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(QueryTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            var parsed = IsJson(response) ? TryParse<DarajaTokenResponse>(text) : null;
            if (response.IsSuccessStatusCode && !string.IsNullOrEmpty(parsed?.AccessToken))
            {
                var seconds = int.TryParse(parsed.ExpiresIn, out var s) && s > 0 ? s : 3599;
                return DarajaResult<(string, TimeSpan)>.Ok((parsed.AccessToken, TimeSpan.FromSeconds(seconds)));
            }

            return DarajaResult<(string, TimeSpan)>.Fail(OAuthRefusal(status, parsed, parsed is null ? null : TryParse<DarajaResponse>(text), text));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Daraja OAuth did not answer");
            return DarajaResult<(string, TimeSpan)>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, 0, "unavailable",
                "M-Pesa (Daraja) did not answer. Try again in a moment."));
        }
    }

    /// <summary>
    /// Only Daraja's own refusal (400/401 with its JSON error shape, or a JSON 200 whose token is empty) is about the key
    /// and secret. An HTML page, an Incapsula 503, a gateway fault or any 5xx comes from something in front of Daraja:
    /// asking the merchant to check the key and secret would send them the wrong way.
    /// </summary>
    private DarajaFailure OAuthRefusal(int status, DarajaTokenResponse? token, DarajaResponse? error, string text)
    {
        var darajasOwn = (status is 400 or 401 && (error?.ErrorCode ?? error?.ErrorMessage) is not null)
            || (status == 200 && (token?.AccessToken is not null || error?.ErrorCode is not null));
        if (darajasOwn && error is not null)
        {
            return new DarajaFailure(DarajaFailureKind.Rejected, status, error.ErrorCode ?? "oauth_failed",
                error.ErrorMessage ?? "Daraja did not issue a token: check the consumer key and secret.");
        }

        logger.LogWarning("Daraja OAuth answered {Status} with no Daraja error: {Body}",
            status, text.Length > 200 ? text[..200] : text);
        return new DarajaFailure(DarajaFailureKind.Blocked, status, BlockedCode,
            $"Safaricom is unavailable or blocking this server's address (its token service answered HTTP {status} with no Daraja error). "
            + "Try again later; if it lasts, ask Safaricom to allow this server's address.");
    }

    /// <summary>Our request without the password (it is derived from the passkey) and what Daraja answered.</summary>
    private static string Record(object body, int? status, string? text)
    {
        var request = body is Dictionary<string, object> fields
            ? fields.Where(f => f.Key is not ("Password" or "SecurityCredential")).ToDictionary(f => f.Key, f => f.Value)
            : body;
        // Kept for the merchant's timeline: without the password, and without the callback token, which would
        // let a reader forge this payment's outcome.
        return CallbackTokenRedaction.Redact(JsonSerializer.Serialize(new { request, response = new { status, body = text } }))!;
    }

    private async Task<(DarajaResult<DarajaResponse> Result, int? Status, string? Text)> SendAsync(
        HttpRequestMessage request, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await ExchangeAsync(request, path, timeout, cancellationToken);
        PortalTelemetry.DarajaRequest(PortalTelemetry.DarajaOperation(path), MetricResult(answer.Result.Failure), Stopwatch.GetElapsedTime(started));
        return answer;
    }

    /// <summary>The metric's label for an answer: ok, or how it failed (rejected, unavailable, blocked).</summary>
    private static string MetricResult(DarajaFailure? failure) => failure is null ? "ok" : failure.Kind.ToString().ToLowerInvariant();

    private async Task<(DarajaResult<DarajaResponse> Result, int? Status, string? Text)> ExchangeAsync(
        HttpRequestMessage request, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int? status = null;
        string? text = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(deadline.Token);
            var parsed = IsJson(response) ? TryParse(text) : null;
            if (parsed is null)
            {
                logger.LogWarning("Daraja {Path} answered {Status} with no JSON", path, status);
                return (Failed(status.Value, "unavailable", $"Daraja answered HTTP {status} without JSON."), status, text);
            }

            if (response.IsSuccessStatusCode && parsed.ErrorCode is null)
            {
                return (DarajaResult<DarajaResponse>.Ok(parsed), status, text);
            }

            if (parsed.ErrorCode is not null)
            {
                logger.LogInformation("Daraja {Path} refused: {Code} {Message}", path, parsed.ErrorCode, parsed.ErrorMessage);
                return (DarajaResult<DarajaResponse>.Fail(new DarajaFailure(
                    DarajaRefusals.Classify(status.Value, parsed.ErrorCode, parsed.ErrorMessage), status.Value,
                    parsed.ErrorCode, parsed.ErrorMessage ?? "Daraja refused the request.")), status, text);
            }

            // An API-gateway fault without an errorCode ({"fault":…} or {"Envelope":{"Body":{"Fault":…}}}): a 4xx was
            // refused at the gateway; after a 5xx M-Pesa may still have started the push.
            logger.LogWarning("Daraja {Path} gateway fault {Status}: {Fault}", path, status, parsed.Fault);
            return (Failed(status.Value, "gateway_fault", $"Daraja's gateway answered HTTP {status} with a fault."), status, text);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Daraja {Path} did not answer", path);
            return (Unavailable(0), status, text);
        }
    }

    /// <summary>An answer that is not Daraja's own verdict: a refusal only if its HTTP status says so (4xx).</summary>
    private static DarajaResult<DarajaResponse> Failed(int status, string code, string message) =>
        DarajaRefusals.Classify(status, null, null) == DarajaFailureKind.Rejected
            ? DarajaResult<DarajaResponse>.Fail(new DarajaFailure(DarajaFailureKind.Rejected, status, code, message + " Check Mpesa:BaseUrl."))
            : DarajaResult<DarajaResponse>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, status, code, message + " It may still go through."));

    /// <summary>The code of <see cref="DarajaFailureKind.Blocked"/>: Safaricom unavailable or refusing this server's address.</summary>
    public const string BlockedCode = "daraja_blocked";

    private static DarajaResult<DarajaResponse> Unavailable(int status) =>
        DarajaResult<DarajaResponse>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, status, "unavailable",
            "M-Pesa (Daraja) did not answer. Try again in a moment."));

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false;

    private static DarajaResponse? TryParse(string text) => TryParse<DarajaResponse>(text);

    private static T? TryParse<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
