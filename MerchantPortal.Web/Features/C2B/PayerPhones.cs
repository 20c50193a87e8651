using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>
/// How sure the portal is that a menu payment's MSISDN, as Daraja gives it, is the phone a customer typed on a pay
/// page: a plain phone equal to it is <see cref="PhoneFit.Exact"/>; a masked one (<c>2547****126</c>,
/// <c>2547 ***** 678</c>) whose visible digits agree only <see cref="PhoneFit.Visible"/>; a 64-hex hash is exact when it
/// is the SHA-256 of the phone (as 2547XXXXXXXX, lower-case hex) and never otherwise (decision 20).
/// </summary>
public static partial class PayerPhones
{
    public static PhoneFit Fit(string msisdn, string phone)
    {
        var given = msisdn.Replace(" ", "", StringComparison.Ordinal);
        if (Hash().IsMatch(given))
        {
            return string.Equals(given, Ids.Sha256Hex(phone), StringComparison.OrdinalIgnoreCase) ? PhoneFit.Exact : PhoneFit.None;
        }

        if (Masked().Match(given) is { Success: true } masked)
        {
            var head = masked.Groups["head"].Value;
            head = head.StartsWith('0') ? "254" + head[1..] : head;
            var tail = masked.Groups["tail"].Value;
            // A mask that shows too little would make every phone of the network fit.
            return head.Length + tail.Length >= MinVisibleDigits && head.Length + tail.Length < phone.Length
                && phone.StartsWith(head, StringComparison.Ordinal) && phone.EndsWith(tail, StringComparison.Ordinal)
                ? PhoneFit.Visible : PhoneFit.None;
        }

        return Phones.TryNormalize(given, out var plain) && plain == phone ? PhoneFit.Exact : PhoneFit.None;
    }

    /// <summary>"2547" and three final digits, as Daraja's masks show: fewer is not a phone worth matching on.</summary>
    private const int MinVisibleDigits = 6;

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Hash();

    [GeneratedRegex(@"^(?<head>[0-9]*)\*+(?<tail>[0-9]*)$")]
    private static partial Regex Masked();
}

public enum PhoneFit
{
    None,

    /// <summary>Masked, and the digits it shows agree: enough only when no other open intent fits as well.</summary>
    Visible,

    Exact,
}
