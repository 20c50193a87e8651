using System.Globalization;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>Reads a payment_id as scripts send it: <c>#00002</c> (also <c>00002</c> or <c>2</c>).</summary>
public static class PaymentIds
{
    public static bool TryParse(string? value, out int sequence)
    {
        sequence = 0;
        var digits = value?.Trim().TrimStart('#') ?? "";
        return digits.Length is > 0 and <= 5
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }
}
