using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// A C2B validation or confirmation as Daraja POSTs it (docs/c2b-daraja.md). Every value is a string on the wire (a
/// number is read too); MSISDN may be a phone, masked (<c>2547****678</c>) or a 64-hex hash, so it is kept as given.
/// </summary>
public sealed partial record C2BPayload(
    string TransactionType,
    string TransId,
    DateTimeOffset TransTime,
    decimal Amount,
    string BusinessShortCode,
    string BillRefNumber,
    string InvoiceNumber,
    string OrgAccountBalance,
    string ThirdPartyTransId,
    string Msisdn,
    string FirstName,
    string MiddleName,
    string LastName)
{
    /// <summary>The payer's phone when MSISDN is a whole one (<c>254</c> + 9 digits), else null: never guess from a mask.</summary>
    public string? Phone => PhoneRegex().IsMatch(Msisdn) ? Msisdn : null;

    /// <summary>The names M-Pesa gave, joined; empty when it gave none.</summary>
    public string PayerName => string.Join(' ', new[] { FirstName, MiddleName, LastName }.Where(n => n.Length > 0));

    /// <summary>Whole shillings, or null for an amount with cents (Daraja says only whole numbers come).</summary>
    public long? WholeShillings => Amount == decimal.Truncate(Amount) ? (long)Amount : null;

    /// <summary>
    /// The payload, or false when it lacks what a payment needs: TransID, a valid TransTime (Nairobi, yyyyMMddHHmmss),
    /// a positive TransAmount and BusinessShortCode. Every other field is optional and read as "" when absent.
    /// </summary>
    public static bool TryParse(JsonElement root, out C2BPayload? payload)
    {
        payload = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var id = DarajaJson.Text(root, "TransID")?.Trim();
        var shortCode = DarajaJson.Text(root, "BusinessShortCode")?.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(shortCode)
            || !DarajaTimes.TryParseTimestamp(DarajaJson.Text(root, "TransTime")?.Trim(), out var time)
            || !decimal.TryParse(DarajaJson.Text(root, "TransAmount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0)
        {
            return false;
        }

        payload = new C2BPayload(Or(root, "TransactionType"), id, time, amount, shortCode, Or(root, "BillRefNumber").Trim(),
            Or(root, "InvoiceNumber"), Or(root, "OrgAccountBalance"), Or(root, "ThirdPartyTransID"), Or(root, "MSISDN").Trim(),
            Or(root, "FirstName").Trim(), Or(root, "MiddleName").Trim(), Or(root, "LastName").Trim());
        return true;
    }

    private static string Or(JsonElement root, string name) => DarajaJson.Text(root, name) ?? "";

    [GeneratedRegex("^254[0-9]{9}$")]
    private static partial Regex PhoneRegex();
}

/// <summary>
/// What the portal answers Daraja's C2B POSTs (its C2B page): ResultCode "0" accepts; the rest refuse. JSON text, so
/// no serializer's naming policy can camel-case Daraja's names.
/// </summary>
public static class C2BAnswers
{
    public const string InvalidMsisdn = "C2B00011";
    public const string InvalidAccountNumber = "C2B00012";
    public const string InvalidAmount = "C2B00013";
    public const string InvalidKyc = "C2B00014";
    public const string InvalidShortCode = "C2B00015";
    public const string OtherError = "C2B00016";

    /// <summary>Validation: let the payment through.</summary>
    public const string AcceptJson = """{"ResultCode":"0","ResultDesc":"Accepted"}""";

    /// <summary>Confirmation: received. Daraja's page writes this ResultCode as the number 0, the validation one as "0".</summary>
    public const string AcknowledgeJson = """{"ResultCode":0,"ResultDesc":"Success"}""";

    /// <summary>Validation: refuse with one of the C2B000xx codes above.</summary>
    public static string RejectJson(string resultCode) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["ResultCode"] = resultCode, ["ResultDesc"] = "Rejected" });
}
