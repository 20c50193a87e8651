using System.Globalization;
using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Features.Common;

/// <summary>The one place money typed by people or scripts is read: whole Kenyan shillings.</summary>
public static partial class Amounts
{
    public const long Min = 1;

    /// <summary>Daraja's per-transaction ceiling.</summary>
    public const long Max = 250_000;

    /// <summary>Reads an amount, or says in plain words why it cannot be one.</summary>
    public static bool TryParse(string? input, out long amount, out string error)
    {
        amount = 0;
        error = "";
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "is required.";
            return false;
        }

        // "100.00" and "100.0" are whole; "12.5" has cents, which M-Pesa refuses.
        var match = Plain().Match(text);
        if (!match.Success)
        {
            error = Decimal().IsMatch(text)
                ? "must be a whole number of shillings: M-Pesa does not take cents."
                : "must be a whole number of shillings written in digits, such as 1500.";
            return false;
        }

        if (match.Groups["sign"].Value == "-")
        {
            error = $"must be at least KES {Min}.";
            return false;
        }

        if (!long.TryParse(match.Groups["whole"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount > Max)
        {
            error = $"must be at most KES {Max:N0}, M-Pesa's limit for one payment.";
            return false;
        }

        if (amount < Min)
        {
            error = $"must be at least KES {Min}.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// An amount as a person types it on a page: "1,500", "KES 1,500", "Ksh 1500", "1,500/=". Read with the same rules as
    /// <see cref="TryParse"/> once the currency and the thousands commas are taken off, so cents are still refused.
    /// </summary>
    /// <remarks>The JSON API keeps <see cref="TryParse"/> alone: scripts send digits, and "1,500" there is more likely a bug.</remarks>
    public static bool TryParseTyped(string? input, out long amount, out string error) =>
        TryParse(NormalizeTyped(input), out amount, out error);

    /// <summary>
    /// The typed amount with currency words and well-placed thousands commas removed ("KES 1,500.50" → "1500.50"), or
    /// the text trimmed when it has neither; <see cref="TryParse"/> then says why it is refused, if it is.
    /// </summary>
    public static string? NormalizeTyped(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var text = Currency().Replace(input.Trim(), "").Trim();
        return Grouped().IsMatch(text) ? text.Replace(",", "", StringComparison.Ordinal) : text;
    }

    public static string Format(long amount) => "KES " + amount.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<whole>[0-9]{1,18})(?:\.0+)?$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?[0-9]*\.[0-9]+$")]
    private static partial Regex Decimal();

    // "KES", "Ksh", "Kshs", "Sh" before the number (with or without a dot), and the Kenyan "/=" or "/-" after it.
    [GeneratedRegex(@"^(?:kes|kshs?|shs?)\.?(?=\s|[0-9+-]|$)|/[=-]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Currency();

    // Commas only where thousands are: "1,500" and "1,500,000" but not "1,50" or "15,00".
    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")]
    private static partial Regex Grouped();
}
