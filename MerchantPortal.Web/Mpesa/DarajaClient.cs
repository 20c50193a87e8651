using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Typed client for Daraja's OAuth, STK push and STK query. It never sends a push twice: the only retry on
/// a push is after Daraja said the token was invalid, which means the push was refused before processing.
/// </summary>
public sealed class DarajaClient(
    HttpClient http,
    DarajaEndpoint endpoint,
    DarajaTokenCache tokens,
    TimeProvider time,
    ILogger<DarajaClient> logger)
{
    /// <summary>Daraja timestamps are East Africa Time, which has no daylight saving.</summary>
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    public Task<DarajaResult<string>> GetTokenAsync(DarajaCredentials credentials, CancellationToken cancellationToken) =>
        tokens.GetAsync(credentials, ct => FetchTokenAsync(credentials, ct), cancellationToken);

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

        var answer = await PostAsync(credentials, "mpesa/stkpush/v1/processrequest", body, cancellationToken);
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

        var answer = await PostAsync(credentials, "mpesa/stkpushquery/v1/query", body, cancellationToken);
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

    private (string Timestamp, string Password) Password(string shortCode, string passkey)
    {
        // One timestamp for both the body and the password: two would give "Wrong credentials".
        var timestamp = time.GetUtcNow().ToOffset(Eat).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return (timestamp, Convert.ToBase64String(Encoding.UTF8.GetBytes(shortCode + passkey + timestamp)));
    }

    private async Task<DarajaResult<DarajaResponse>> PostAsync(
        DarajaCredentials credentials, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await GetTokenAsync(credentials, cancellationToken);
            if (!token.Succeeded)
            {
                return DarajaResult<DarajaResponse>.Fail(token.Failure!);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUri, path))
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            var (result, status, text) = await SendAsync(request, path, cancellationToken);
            if (attempt == 1 && result.Failure is { Code: "404.001.03" })
            {
                tokens.Invalidate(credentials, token.Value!);
                continue;
            }

            return result with { Exchange = Record(body, status, text) };
        }
    }

    private async Task<DarajaResult<(string Token, TimeSpan Lifetime)>> FetchTokenAsync(
        DarajaCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.BaseUri, "oauth/v1/generate?grant_type=client_credentials"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.ConsumerKey.Trim() + ":" + credentials.ConsumerSecret.Trim())));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!IsJson(response))
            {
                // Wrong credentials have been seen to come back as a 200 HTML page.
                return DarajaResult<(string, TimeSpan)>.Fail(new DarajaFailure(DarajaFailureKind.Rejected, (int)response.StatusCode,
                    "oauth_failed", "Daraja did not issue a token: check the consumer key and secret."));
            }

            if (response.IsSuccessStatusCode)
            {
                var parsed = JsonSerializer.Deserialize<DarajaTokenResponse>(text);
                if (!string.IsNullOrEmpty(parsed?.AccessToken))
                {
                    var seconds = int.TryParse(parsed.ExpiresIn, out var s) && s > 0 ? s : 3599;
                    return DarajaResult<(string, TimeSpan)>.Ok((parsed.AccessToken, TimeSpan.FromSeconds(seconds)));
                }
            }

            var error = TryParse(text);
            return DarajaResult<(string, TimeSpan)>.Fail(new DarajaFailure(DarajaFailureKind.Rejected, (int)response.StatusCode,
                error?.ErrorCode ?? "oauth_failed",
                error?.ErrorMessage ?? "Daraja did not issue a token: check the consumer key and secret."));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Daraja OAuth did not answer");
            return DarajaResult<(string, TimeSpan)>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, 0, "unavailable",
                "M-Pesa (Daraja) did not answer. Try again in a moment."));
        }
    }

    /// <summary>Our request without the password (it is derived from the passkey) and what Daraja answered.</summary>
    private static string Record(object body, int? status, string? text)
    {
        var request = body is Dictionary<string, object> fields
            ? fields.Where(f => f.Key != "Password").ToDictionary(f => f.Key, f => f.Value)
            : body;
        // Kept for the merchant's timeline: without the password, and without the callback token, which would
        // let a reader forge this payment's outcome.
        return CallbackTokenRedaction.Redact(JsonSerializer.Serialize(new { request, response = new { status, body = text } }))!;
    }

    private async Task<(DarajaResult<DarajaResponse> Result, int? Status, string? Text)> SendAsync(
        HttpRequestMessage request, string path, CancellationToken cancellationToken)
    {
        int? status = null;
        string? text = null;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken);
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
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
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

    private static DarajaResult<DarajaResponse> Unavailable(int status) =>
        DarajaResult<DarajaResponse>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, status, "unavailable",
            "M-Pesa (Daraja) did not answer. Try again in a moment."));

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false;

    private static DarajaResponse? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<DarajaResponse>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
