using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Features.Common;

/// <summary>The one place Kenyan mobile numbers are read and written.</summary>
public static partial class Phones
{
    public const string FormatHelp =
        "Enter a Kenyan mobile number such as 0712345678, 0112345678 or 254712345678.";

    /// <summary>
    /// Accepts 07XXXXXXXX, 01XXXXXXXX, 7XXXXXXXX/1XXXXXXXX, 2547…/2541…, +254…, with spaces or dashes,
    /// and gives the 12-digit MSISDN Daraja wants (2547XXXXXXXX or 2541XXXXXXXX).
    /// </summary>
    public static bool TryNormalize(string? input, out string msisdn)
    {
        msisdn = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var compact = Separators().Replace(input.Trim(), "");
        if (compact.StartsWith('+'))
        {
            if (!compact.StartsWith("+254", StringComparison.Ordinal))
            {
                return false;
            }

            compact = compact[1..];
        }

        var match = Msisdn().Match(compact);
        if (!match.Success)
        {
            return false;
        }

        msisdn = "254" + match.Groups["subscriber"].Value;
        return true;
    }

    public const string NotSafaricomWarning =
        "This number does not look like a Safaricom line, and the M-Pesa prompt reaches Safaricom lines only. "
        + "If no prompt arrives, pay from a Safaricom number.";

    /// <summary>
    /// Safaricom's mobile ranges, as national numbers without the leading 0 (0700–0729, 0740–0743, 0745, 0746, 0748,
    /// 0757–0759, 0768, 0769, 0790–0799, 0110–0115; sources in docs/daraja-live.md). A number ported from another
    /// network keeps its prefix, so a number outside them only earns a warning, never a refusal.
    /// </summary>
    private static readonly string[] SafaricomRanges =
        ["70", "71", "72", "740", "741", "742", "743", "745", "746", "748", "757", "758", "759", "768", "769", "79",
         "110", "111", "112", "113", "114", "115"];

    /// <summary>True when a normalised MSISDN (2547…/2541…) is in one of Safaricom's ranges.</summary>
    public static bool IsSafaricomRange(string msisdn) =>
        msisdn.StartsWith("254", StringComparison.Ordinal) && SafaricomRanges.Any(p => msisdn.AsSpan(3).StartsWith(p, StringComparison.Ordinal));

    /// <summary>The local form people type: 0712345678.</summary>
    public static string ToLocal(string msisdn) => msisdn.StartsWith("254", StringComparison.Ordinal) ? "0" + msisdn[3..] : msisdn;

    /// <summary>The local form in groups people read aloud: 0712 345 678.</summary>
    public static string Spaced(string msisdn)
    {
        var local = ToLocal(msisdn);
        return local.Length == 10 ? $"{local[..4]} {local[4..7]} {local[7..]}" : local;
    }

    /// <summary>For logs: never a whole phone number.</summary>
    public static string Mask(string msisdn) => msisdn.Length > 6 ? msisdn[..5] + new string('*', msisdn.Length - 8) + msisdn[^3..] : "***";

    // Spaces, dashes, brackets and dots people type, and the invisible marks a phone's copy adds (direction marks and
    // isolates, zero-width spaces, a byte-order mark).
    [GeneratedRegex(@"[\s\-().\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:254|0)?(?<subscriber>[17][0-9]{8})$")]
    private static partial Regex Msisdn();
}
