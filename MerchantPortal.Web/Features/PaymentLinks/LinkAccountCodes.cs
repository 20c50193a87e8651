using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>The short account number a customer types to pay a link from the M-Pesa menu (Pay Bill → Account).</summary>
public static partial class LinkAccountCodes
{
    /// <summary>M-Pesa's account number field takes 12 characters (the column's length too).</summary>
    public const int MaxLength = 12;

    public const int MinLength = 2;

    /// <summary>Room kept for the amount; a longer title is cut so "TEA50" stays "word + price".</summary>
    private const int MaxWordLength = 8;

    /// <summary>A code as the customer and the merchant may type it (any case, stray spaces); null for a blank.</summary>
    public static string? Normalise(string? code)
    {
        var normalised = code?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(normalised) ? null : normalised;
    }

    public static bool IsValid(string? code) => code is not null && Shape().IsMatch(code);

    /// <summary>
    /// "Tea" at KES 50 → <c>TEA50</c>; "Sukuma bundle" at KES 150 → <c>SUKUMA150</c>; "School fees" with any amount →
    /// <c>SCHOOL</c>. The title's first word of three or more ASCII letters and digits (accents dropped; else all of
    /// them run together), at most 8, then the fixed amount when it fits; a title with none becomes <c>LINK</c>.
    /// </summary>
    public static string Suggest(string title, long? amount)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).Append(' '))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToUpperInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        var chosen = words.FirstOrDefault(w => w.Length >= 3) ?? string.Concat(words);
        var stem = chosen.Length >= MinLength ? chosen[..Math.Min(chosen.Length, MaxWordLength)] : "LINK";
        var price = amount?.ToString(CultureInfo.InvariantCulture) ?? "";
        return stem.Length + price.Length <= MaxLength ? stem + price : stem;
    }

    /// <summary>
    /// The suggestion, then the suggestion with a suffix in its last places, in the order a new link tries them until
    /// one is free among the merchant's live links. After a price the suffix is a letter (<c>TEA50B</c>, never
    /// <c>TEA502</c>, which reads as another price); after a word it is a number (<c>SCHOOLFE2</c>).
    /// </summary>
    public static IEnumerable<string> Candidates(string suggestion)
    {
        yield return suggestion;
        var afterPrice = char.IsAsciiDigit(suggestion[^1]);
        for (var n = 2; n < MaxSuffix; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            var suffix = !afterPrice ? number : n <= 26 ? ((char)('A' + n - 1)).ToString() : "X" + number;
            yield return suggestion[..Math.Min(suggestion.Length, MaxLength - suffix.Length)] + suffix;
        }
    }

    /// <summary>What every candidate of <see cref="Candidates"/> starts with: the codes worth reading before choosing.</summary>
    public static string CommonPrefix(string suggestion) => suggestion[..Math.Min(suggestion.Length, MaxLength - MaxSuffixLength)];

    private const int MaxSuffix = 10_000;

    private const int MaxSuffixLength = 5;

    [GeneratedRegex("^[A-Z0-9]{2,12}$")]
    private static partial Regex Shape();
}
