using System.Globalization;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// "Collect a total": the sum a link gathers over any number of payments (school fees in parts). Unlike one payment's
/// amount it may pass M-Pesa's per-payment ceiling, so it has a ceiling of its own.
/// </summary>
public static class LinkTotals
{
    public const long Max = 100_000_000;

    public const string Refusal = "collect_total must be a whole number of shillings from 1 to 100,000,000.";

    /// <summary>Whole shillings, digits only (a form's "KES 15,000" is normalised before it comes here).</summary>
    public static bool TryParse(string? text, out long total) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out total) && total is >= 1 and <= Max;

    /// <summary>What is still to collect; never below zero (a link may collect more than its total).</summary>
    public static long Remaining(long total, long collected) => Math.Max(0, total - collected);
}
