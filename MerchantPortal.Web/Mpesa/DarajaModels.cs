using System.Text.Json;
using System.Text.Json.Serialization;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// The credentials one push is made with: the portal's own, or an account's. <paramref name="Simulated"/>: a test-mode
/// call, sent to the built-in simulator whatever Mpesa:Mode says (issue 14: a test payment never reaches Daraja).
/// </summary>
public sealed record DarajaCredentials(string ConsumerKey, string ConsumerSecret, string Passkey, bool Simulated = false);

/// <summary>What our code asks of an STK push; the client builds Daraja's request from it.</summary>
public sealed record StkPushCommand(
    string TransactionType,
    string BusinessShortCode,
    string PartyB,
    long Amount,
    string Phone,
    string CallbackUrl,
    string AccountReference,
    string TransactionDesc);

public sealed record StkPushAccepted(string MerchantRequestId, string CheckoutRequestId, string? CustomerMessage);

public sealed record StkQueryResult(bool IsPending, string? ResultCode, string? ResultDesc);

/// <summary>C2B register URL: <paramref name="ResponseType"/> is <c>Completed</c> or <c>Cancelled</c>, exactly.</summary>
public sealed record C2BRegisterCommand(string ShortCode, string ResponseType, string ConfirmationUrl, string? ValidationUrl);

public sealed record C2BRegistered(string OriginatorConversationId, string? ResponseDescription);

/// <summary>Sandbox only: a customer pays from the menu. <paramref name="CommandId"/> is CustomerPayBillOnline or CustomerBuyGoodsOnline.</summary>
public sealed record C2BSimulateCommand(string ShortCode, string CommandId, long Amount, string Msisdn, string? BillRefNumber);

/// <param name="Receipt">The M-Pesa receipt our simulator assigned (its TransID extra); null from real Daraja.</param>
public sealed record C2BSimulated(string OriginatorConversationId, string? Receipt);

/// <summary>
/// A Reversal API request: the payment's receipt and whole amount, the shortcode that received it, the initiator
/// with the reversal role and its security credential, and where M-Pesa posts the result and a queue timeout.
/// </summary>
public sealed record ReversalCommand(
    string Initiator, string SecurityCredential, string TransactionId, long Amount, string ReceiverParty,
    string ResultUrl, string QueueTimeOutUrl, string Remarks, string Occasion);

/// <summary>M-Pesa accepted the reversal request for processing; its result comes later, to the result URL.</summary>
public sealed record ReversalAccepted(string ConversationId, string OriginatorConversationId);

public sealed record PullRegisterCommand(string ShortCode, string NominatedNumber, string CallbackUrl);

/// <param name="AlreadyRegistered">Daraja's 1001 "ShortCode already Registered": registered all the same.</param>
public sealed record PullRegistered(bool AlreadyRegistered, string? Description);

/// <summary>One row of Pull Transactions. <paramref name="Msisdn"/> may be a bare local number, masked, or absent.</summary>
public sealed record PullTransaction(
    string Receipt,
    DateTimeOffset? CompletedAt,
    string? Msisdn,
    string? TransactionType,
    string? BillReference,
    decimal Amount,
    string? Sender,
    string? OrganizationName);

/// <summary>
/// One page of Pull Transactions. Daraja does not publish its page size: ask again with the offset moved on by
/// <see cref="Transactions"/>' count until a page comes back empty.
/// </summary>
public sealed record PullPage(IReadOnlyList<PullTransaction> Transactions);

public enum DarajaFailureKind
{
    /// <summary>Daraja answered and refused the request; nothing was started (see <see cref="DarajaRefusals"/>).</summary>
    Rejected,

    /// <summary>
    /// No answer, or one that does not prove a refusal (another 5xx, a gateway fault, HTML, a timeout); the push may
    /// or may not have started.
    /// </summary>
    Unavailable,

    /// <summary>
    /// Daraja's OAuth answered with something that is not Daraja's (an HTML page, an Incapsula 503, a gateway fault, a
    /// 5xx): Safaricom is unavailable or blocking this server's address. No request went past OAuth, so nothing started.
    /// </summary>
    Blocked,
}

public sealed record DarajaFailure(DarajaFailureKind Kind, int HttpStatus, string Code, string Message);

/// <summary>A Daraja answer or the reason there is none.</summary>
public sealed record DarajaResult<T>(T? Value, DarajaFailure? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>
    /// The exchange as it happened, for the transaction's record: our request (without the password) and
    /// Daraja's HTTP status and body as received.
    /// </summary>
    public string? Exchange { get; init; }

    public static DarajaResult<T> Ok(T value) => new(value, null);

    public static DarajaResult<T> Fail(DarajaFailure failure) => new(default, failure);
}

/// <summary>Daraja's loose typing: codes come as strings in one place and numbers in another.</summary>
public sealed class LooseStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => SkipAndReturnNull(ref reader),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    private static string? SkipAndReturnNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

internal sealed class DarajaTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonConverter(typeof(LooseStringConverter))]
    public string? ExpiresIn { get; set; }
}

/// <summary>Covers Daraja's success bodies and its error envelope; fields absent in one shape stay null.</summary>
internal sealed class DarajaResponse
{
    [JsonConverter(typeof(LooseStringConverter))]
    public string? MerchantRequestID { get; set; }

    [JsonConverter(typeof(LooseStringConverter))]
    public string? CheckoutRequestID { get; set; }

    [JsonConverter(typeof(LooseStringConverter))]
    public string? ResponseCode { get; set; }

    public string? ResponseDescription { get; set; }

    public string? CustomerMessage { get; set; }

    [JsonConverter(typeof(LooseStringConverter))]
    public string? ResultCode { get; set; }

    public string? ResultDesc { get; set; }

    /// <summary>C2B register URL and simulate: Daraja's own spelling, without the "n".</summary>
    public string? OriginatorCoversationID { get; set; }

    /// <summary>The Reversal API (and the other asynchronous APIs) spell it with the "n".</summary>
    public string? OriginatorConversationID { get; set; }

    public string? ConversationID { get; set; }

    /// <summary>Our simulator's receipt on a C2B simulate answer; real Daraja sends none.</summary>
    public string? TransID { get; set; }

    /// <summary>Pull Transactions: register answers ResponseStatus (written "Response Status" in one copy), query ResponseCode.</summary>
    [JsonConverter(typeof(LooseStringConverter))]
    public string? ResponseStatus { get; set; }

    [JsonPropertyName("Response Status")]
    [JsonConverter(typeof(LooseStringConverter))]
    public string? ResponseStatusSpaced { get; set; }

    [JsonPropertyName("Response Description")]
    public string? ResponseDescriptionSpaced { get; set; }

    public string? ResponseMessage { get; set; }

    /// <summary>Pull Transactions rows: an array of arrays in Daraja's sample; "Transactions" in one SDK's reading.</summary>
    [JsonPropertyName("Response")]
    public JsonElement? Rows { get; set; }

    [JsonPropertyName("Transactions")]
    public JsonElement? TransactionRows { get; set; }

    [JsonPropertyName("errorCode")]
    [JsonConverter(typeof(LooseStringConverter))]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; set; }

    [JsonPropertyName("fault")]
    public JsonElement? Fault { get; set; }
}
