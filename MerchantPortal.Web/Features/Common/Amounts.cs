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

    public static string Format(long amount) => "KES " + amount.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<whole>[0-9]{1,18})(?:\.0+)?$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?[0-9]*\.[0-9]+$")]
    private static partial Regex Decimal();
}
