using System.Globalization;
using System.Text.Json;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// A C2B validation or confirmation as Daraja POSTs it (daraja.md §6.2). Every value is a string on the wire (a number
/// is read too). MSISDN may be a phone, masked (<c>2547****126</c>) or a 64-hex hash: it is kept as given, never read
/// as a phone.
/// </summary>
public sealed record C2BPayload(
    string TransactionType,
    string TransId,
    DateTimeOffset TransTime,
    decimal Amount,
    string BusinessShortCode,
    string BillRefNumber,
    string Msisdn,
    string FirstName,
    string MiddleName,
    string LastName)
{
    /// <summary>The names M-Pesa gave, joined; empty when it gave none.</summary>
    public string PayerName => string.Join(' ', new[] { FirstName, MiddleName, LastName }.Where(n => n.Length > 0));

    /// <summary>
    /// The payload, or false when it lacks what a payment needs: TransID, TransTime (Nairobi, yyyyMMddHHmmss), a
    /// positive TransAmount and BusinessShortCode. Other fields are optional and read as "" when absent.
    /// </summary>
    public static bool TryParse(JsonElement root, out C2BPayload? payload)
    {
        payload = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var id = Text(root, "TransID")?.Trim();
        var shortCode = Text(root, "BusinessShortCode")?.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(shortCode)
            || !TryParseTime(Text(root, "TransTime"), out var time)
            || !decimal.TryParse(Text(root, "TransAmount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0)
        {
            return false;
        }

        payload = new C2BPayload(Or(root, "TransactionType"), id, time, amount, shortCode, Or(root, "BillRefNumber"),
            Or(root, "MSISDN"), Or(root, "FirstName"), Or(root, "MiddleName"), Or(root, "LastName"));
        return true;
    }

    /// <summary>Daraja's timestamps are Nairobi time (UTC+3 all year) with no zone written.</summary>
    private static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        var parsed = DateTime.TryParseExact(text?.Trim(), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local);
        time = parsed ? new DateTimeOffset(local, TimeSpan.FromHours(3)).ToUniversalTime() : default;
        return parsed;
    }

    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static string Or(JsonElement root, string name) => Text(root, name)?.Trim() ?? "";
}

/// <summary>What the portal answers Daraja's C2B POSTs, as JSON text (no naming policy can touch Daraja's names).</summary>
public static class C2BAnswers
{
    public const string InvalidAccountNumber = "C2B00012";
    public const string InvalidAmount = "C2B00013";

    /// <summary>Validation: let the payment through.</summary>
    public const string AcceptJson = """{"ResultCode":"0","ResultDesc":"Accepted"}""";

    /// <summary>Confirmation: received (Daraja's page: ResultCode 0, "Success").</summary>
    public const string AcknowledgeJson = """{"ResultCode":0,"ResultDesc":"Success"}""";

    /// <summary>Validation: refuse with one of Daraja's C2B000xx codes.</summary>
    public static string RejectJson(string resultCode) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["ResultCode"] = resultCode, ["ResultDesc"] = "Rejected" });
}
