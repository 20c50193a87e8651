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

    /// <summary>The local form people type: 0712345678.</summary>
    public static string ToLocal(string msisdn) => msisdn.StartsWith("254", StringComparison.Ordinal) ? "0" + msisdn[3..] : msisdn;

    /// <summary>For logs: never a whole phone number.</summary>
    public static string Mask(string msisdn) => msisdn.Length > 6 ? msisdn[..5] + new string('*', msisdn.Length - 8) + msisdn[^3..] : "***";

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:254|0)?(?<subscriber>[17][0-9]{8})$")]
    private static partial Regex Msisdn();
}
