using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa.Simulator;

internal sealed record StkPushRequest(
    string BusinessShortCode,
    string Password,
    string Timestamp,
    string TransactionType,
    decimal Amount,
    string PartyA,
    string PartyB,
    string PhoneNumber,
    string CallBackUrl,
    string AccountReference,
    string? TransactionDesc);

internal sealed record StkQueryRequest(string BusinessShortCode, string Password, string Timestamp, string CheckoutRequestId);

/// <summary>Daraja's request rules (daraja.md §2.1 and §8). A failure names the field for "Bad Request - Invalid &lt;Field&gt;".</summary>
internal static partial class SimulatorValidation
{
    public const string PayBill = "CustomerPayBillOnline";
    public const string BuyGoods = "CustomerBuyGoodsOnline";
    public const decimal MinAmount = 1;
    public const decimal MaxAmount = 250_000;
    public const int AccountReferenceMax = 12;
    public const int TransactionDescMax = 13;

    public static StkPushRequest? ReadPush(JsonElement root, SimulatorOptions options, out string invalidField)
    {
        invalidField = "";
        var shortCode = Scalar(root, "BusinessShortCode", allowNumber: true);
        var password = Scalar(root, "Password", allowNumber: false);
        var timestamp = Scalar(root, "Timestamp", allowNumber: false);
        var type = Scalar(root, "TransactionType", allowNumber: false);
        var amountText = Scalar(root, "Amount", allowNumber: true);
        var partyA = Scalar(root, "PartyA", allowNumber: true);
        var partyB = Scalar(root, "PartyB", allowNumber: true);
        var phone = Scalar(root, "PhoneNumber", allowNumber: true);
        var callbackUrl = Scalar(root, "CallBackURL", allowNumber: false);
        var reference = Scalar(root, "AccountReference", allowNumber: false);
        var hasDesc = root.TryGetProperty("TransactionDesc", out var descElement) && descElement.ValueKind != JsonValueKind.Null;
        var desc = Scalar(root, "TransactionDesc", allowNumber: false);
        decimal amount = 0;

        invalidField =
            !IsShortCode(shortCode) ? "BusinessShortCode"
            : string.IsNullOrEmpty(password) ? "Password"
            : !IsTimestamp(timestamp) ? "Timestamp"
            : type is not (PayBill or BuyGoods) ? "TransactionType"
            : !TryParseAmount(amountText, out amount) ? "Amount"
            : !IsMsisdn(partyA) ? "PartyA"
            : !IsShortCode(partyB) || (type == PayBill && partyB != shortCode) ? "PartyB"
            : !IsMsisdn(phone) ? "PhoneNumber"
            : !IsCallbackUrl(callbackUrl) ? "CallBackURL"
            : string.IsNullOrWhiteSpace(reference) || (options.EnforceLengthLimits && reference.Length > AccountReferenceMax)
                ? "AccountReference"
            : hasDesc && (desc is null || (options.EnforceLengthLimits && desc.Length > TransactionDescMax)) ? "TransactionDesc"
            : "";

        return invalidField.Length > 0
            ? null
            : new StkPushRequest(shortCode!, password!, timestamp!, type!, amount, partyA!, partyB!, phone!,
                callbackUrl!, reference!, desc);
    }

    public static StkQueryRequest? ReadQuery(JsonElement root, out string invalidField)
    {
        var shortCode = Scalar(root, "BusinessShortCode", allowNumber: true);
        var password = Scalar(root, "Password", allowNumber: false);
        var timestamp = Scalar(root, "Timestamp", allowNumber: false);
        var checkoutRequestId = Scalar(root, "CheckoutRequestID", allowNumber: false);

        invalidField =
            !IsShortCode(shortCode) ? "BusinessShortCode"
            : string.IsNullOrEmpty(password) ? "Password"
            : !IsTimestamp(timestamp) ? "Timestamp"
            : string.IsNullOrWhiteSpace(checkoutRequestId) ? "CheckoutRequestID"
            : "";

        return invalidField.Length > 0 ? null : new StkQueryRequest(shortCode!, password!, timestamp!, checkoutRequestId!);
    }

    /// <summary>Password = base64(BusinessShortCode + Passkey + Timestamp), concatenated as plain text.</summary>
    public static bool PasswordMatches(string shortCode, string passkey, string timestamp, string password)
    {
        var expected = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(shortCode + passkey + timestamp)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(password));
    }

    /// <summary>Daraja types these loosely: a JSON number and a JSON string are both accepted where allowed.</summary>
    internal static string? Scalar(JsonElement root, string name, bool allowNumber) =>
        !root.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number && allowNumber ? value.GetRawText()
        : null;

    internal static bool IsShortCode(string? value) => value is not null && ShortCodeRegex().IsMatch(value);

    internal static bool IsMsisdn(string? value) => value is not null && MsisdnRegex().IsMatch(value);

    private static bool IsTimestamp(string? value) =>
        value is not null && TimestampRegex().IsMatch(value)
        && DateTime.TryParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Whole KES only: decimals gave "Invalid Amount" on real Daraja.</summary>
    internal static bool TryParseAmount(string? value, out decimal amount)
    {
        amount = 0;
        return value is not null
            && decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out amount)
            && amount == decimal.Truncate(amount)
            && amount is >= MinAmount and <= MaxAmount;
    }

    /// <summary>A stray space anywhere in the URL gives "Invalid CallBackURL" on real Daraja.</summary>
    internal static bool IsCallbackUrl(string? value) =>
        !string.IsNullOrEmpty(value)
        && !value.Any(char.IsWhiteSpace)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex("^[0-9]{5,7}$")]
    private static partial Regex ShortCodeRegex();

    [GeneratedRegex("^254(7|1)[0-9]{8}$")]
    private static partial Regex MsisdnRegex();

    [GeneratedRegex("^[0-9]{14}$")]
    private static partial Regex TimestampRegex();
}
