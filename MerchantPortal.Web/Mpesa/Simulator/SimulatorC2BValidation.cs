using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa.Simulator;

internal sealed record C2BSimulateRequest(string ShortCode, string CommandId, decimal Amount, string Msisdn, string BillRefNumber);

internal sealed record PullRegisterRequest(string ShortCode, string RequestType, string NominatedNumber, string CallbackUrl);

internal sealed record PullQueryRequest(string ShortCode, DateTimeOffset From, DateTimeOffset To, int Offset);

/// <summary>
/// Daraja's C2B and Pull Transactions request rules (docs/c2b-daraja.md). A failure names the field for
/// "Bad Request - Invalid &lt;Field&gt;", as the STK rules do.
/// </summary>
internal static partial class SimulatorC2BValidation
{
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
    public const int BillRefNumberMax = 20;

    /// <summary>ResponseType is sentence case and spelled exactly; ValidationURL is optional.</summary>
    public static SimulatorC2BRegistration? ReadRegistration(
        JsonElement root, Func<string, bool, bool> isPortalC2BUrl, Func<string, bool> strictAllows, out string invalidField)
    {
        var shortCode = SimulatorValidation.Scalar(root, "ShortCode", allowNumber: true);
        var responseType = SimulatorValidation.Scalar(root, "ResponseType", allowNumber: false);
        var confirmation = SimulatorValidation.Scalar(root, "ConfirmationURL", allowNumber: false);
        var validation = SimulatorValidation.Scalar(root, "ValidationURL", allowNumber: false);
        validation = string.IsNullOrEmpty(validation) ? null : validation;

        invalidField =
            !SimulatorValidation.IsShortCode(shortCode) ? "ShortCode"
            : responseType is not (Completed or Cancelled) ? "ResponseType"
            : !IsUsableUrl(confirmation, validation: false, isPortalC2BUrl, strictAllows) ? "ConfirmationURL"
            : validation is not null && !IsUsableUrl(validation, validation: true, isPortalC2BUrl, strictAllows) ? "ValidationURL"
            : "";

        return invalidField.Length > 0 ? null : new SimulatorC2BRegistration(shortCode!, responseType!, confirmation!, validation);
    }

    public static C2BSimulateRequest? ReadSimulate(JsonElement root, SimulatorOptions options, out string invalidField)
    {
        var shortCode = SimulatorValidation.Scalar(root, "ShortCode", allowNumber: true);
        var command = SimulatorValidation.Scalar(root, "CommandID", allowNumber: false);
        var amountText = SimulatorValidation.Scalar(root, "Amount", allowNumber: true);
        var msisdn = SimulatorValidation.Scalar(root, "Msisdn", allowNumber: true);
        // "usually null for till number" (Daraja's C2B page), so null and absent are both an empty account number.
        var hasBillRef = root.TryGetProperty("BillRefNumber", out var billRefElement) && billRefElement.ValueKind != JsonValueKind.Null;
        var billRef = SimulatorValidation.Scalar(root, "BillRefNumber", allowNumber: true);
        decimal amount = 0;

        invalidField =
            !SimulatorValidation.IsShortCode(shortCode) ? "ShortCode"
            : command is not (SimulatorValidation.PayBill or SimulatorValidation.BuyGoods) ? "CommandID"
            : !SimulatorValidation.TryParseAmount(amountText, out amount) ? "Amount"
            : !SimulatorValidation.IsMsisdn(msisdn) ? "Msisdn"
            : hasBillRef && (billRef is null || (options.EnforceLengthLimits && billRef.Length > BillRefNumberMax)) ? "BillRefNumber"
            : "";

        return invalidField.Length > 0 ? null : new C2BSimulateRequest(shortCode!, command!, amount, msisdn!, billRef ?? "");
    }

    public static PullRegisterRequest? ReadPullRegister(JsonElement root, out string invalidField)
    {
        var shortCode = SimulatorValidation.Scalar(root, "ShortCode", allowNumber: true);
        var requestType = SimulatorValidation.Scalar(root, "RequestType", allowNumber: false);
        var nominated = SimulatorValidation.Scalar(root, "NominatedNumber", allowNumber: true);
        var callbackUrl = SimulatorValidation.Scalar(root, "CallBackURL", allowNumber: false);

        invalidField =
            !SimulatorValidation.IsShortCode(shortCode) ? "ShortCode"
            : requestType != "Pull" ? "RequestType"
            : nominated is null || !NominatedNumberRegex().IsMatch(nominated) ? "NominatedNumber"
            : !SimulatorValidation.IsCallbackUrl(callbackUrl) || DarajaUrlRules.ContainsRefusedWord(callbackUrl!) ? "CallBackURL"
            : "";

        return invalidField.Length > 0 ? null : new PullRegisterRequest(shortCode!, requestType!, nominated!, callbackUrl!);
    }

    public static PullQueryRequest? ReadPullQuery(JsonElement root, out string invalidField)
    {
        var shortCode = SimulatorValidation.Scalar(root, "ShortCode", allowNumber: true);
        var offsetText = SimulatorValidation.Scalar(root, "OffSetValue", allowNumber: true);
        DateTimeOffset from = default, to = default;
        var offset = 0;

        invalidField =
            !SimulatorValidation.IsShortCode(shortCode) ? "ShortCode"
            : !TryParsePullDate(SimulatorValidation.Scalar(root, "StartDate", allowNumber: false), out from) ? "StartDate"
            : !TryParsePullDate(SimulatorValidation.Scalar(root, "EndDate", allowNumber: false), out to) || to < from ? "EndDate"
            : !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) ? "OffSetValue"
            : "";

        return invalidField.Length > 0 ? null : new PullQueryRequest(shortCode!, from, to, offset);
    }

    /// <summary>
    /// Nairobi time as <c>2019-07-31 20:35:21</c> or <c>2019-07-31 19:00</c> (the page's two forms; its sample also
    /// writes <c>8:36:00</c> and <c>10:10:000</c>, so one-digit hours and a stray third seconds digit are let through).
    /// </summary>
    public static bool TryParsePullDate(string? text, out DateTimeOffset time)
    {
        time = default;
        var match = text is null ? Match.Empty : PullDateRegex().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var seconds = match.Groups["s"].Success ? match.Groups["s"].Value[..2] : "00";
        var normalised = $"{match.Groups["d"].Value} {match.Groups["h"].Value.PadLeft(2, '0')}:{match.Groups["m"].Value}:{seconds}";
        if (!DateTime.TryParseExact(normalised, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(local, SimulatorIds.Eat);
        return true;
    }

    private static bool IsUsableUrl(string? url, bool validation, Func<string, bool, bool> isPortalC2BUrl, Func<string, bool> strictAllows) =>
        SimulatorValidation.IsCallbackUrl(url)
        && !DarajaUrlRules.ContainsRefusedWord(url!)
        && isPortalC2BUrl(url!, validation)
        && strictAllows(url!);

    [GeneratedRegex("^(0|254)(7|1)[0-9]{8}$")]
    private static partial Regex NominatedNumberRegex();

    [GeneratedRegex(@"^(?<d>\d{4}-\d{2}-\d{2}) (?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2,3}))?$")]
    private static partial Regex PullDateRegex();
}
