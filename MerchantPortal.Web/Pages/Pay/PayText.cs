using System.Globalization;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.PayPages;
using Microsoft.Extensions.Localization;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>
/// The customer pages' words: PayText.resx (English) and PayText.sw.resx (Swahili), chosen by the request's UI
/// culture. Money stays "KES 1,500" in both languages (<see cref="Amounts.Format"/>).
/// </summary>
public sealed class PayText
{
    public static bool IsSwahili => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "sw";

    /// <summary>The <c>lang</c> of the page: only the two languages the pages are written in.</summary>
    public static string Lang => IsSwahili ? "sw" : "en";

    /// <summary>Nairobi time, the month in the page's language ("30 Nov 2026, 14:05").</summary>
    public static string Time(DateTimeOffset instant) =>
        Nairobi.ToLocal(instant).ToString("d MMM yyyy, HH:mm", IsSwahili ? CultureInfo.GetCultureInfo("sw") : CultureInfo.InvariantCulture);

    /// <summary>"from KES 100 to KES 5,000", or null for no limit.</summary>
    public static string? Range(IStringLocalizer<PayText> l, long? min, long? max) => (min, max) switch
    {
        ({ } from, { } to) => l["RangeFromTo", Amounts.Format(from), Amounts.Format(to)].Value,
        ({ } from, null) => l["RangeFrom", Amounts.Format(from)].Value,
        (null, { } to) => l["RangeUpTo", Amounts.Format(to)].Value,
        _ => null,
    };

    /// <summary>The amount on the pay page's header and the poster: fixed, or the range.</summary>
    public static string AmountText(IStringLocalizer<PayText> l, PublicLinkView link) =>
        link.Amount is { } fixedAmount ? Amounts.Format(fixedAmount)
        : Range(l, link.Min, link.Max) is { } range ? l["AnyAmountRange", range].Value : l["AnyAmount"].Value;

    /// <summary>"Till 5123456" or "Paybill 123456 · Account SHOP" (the poster's form with a comma).</summary>
    public static string Destination(IStringLocalizer<PayText> l, PayDestination destination, bool poster = false) =>
        destination.IsTill ? l["Till", destination.Number].Value
        : l[poster ? "PaybillPoster" : "Paybill", destination.Number, destination.Account ?? ""].Value;
}
