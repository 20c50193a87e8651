using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa;

/// <summary>The AccountReference Daraja is sent: shown to the customer in the prompt, so kept to what Daraja takes.</summary>
public static partial class AccountReferences
{
    public const int MaxLength = 12;

    /// <summary>
    /// Letters, digits, space and <c>. _ # -</c> (others, such as <c>@</c> and <c>&amp;</c>, have made pushes fail),
    /// then cut to Daraja's 12 characters; "Payment" when nothing is left (a link titled only in emoji, say).
    /// </summary>
    public static string ForDaraja(string? reference)
    {
        var kept = Spaces().Replace(Disallowed().Replace(reference ?? "", ""), " ").Trim();
        kept = kept.Length > MaxLength ? kept[..MaxLength].TrimEnd() : kept;
        return kept.Length == 0 ? "Payment" : kept;
    }

    [GeneratedRegex("[^A-Za-z0-9 ._#-]")]
    private static partial Regex Disallowed();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
