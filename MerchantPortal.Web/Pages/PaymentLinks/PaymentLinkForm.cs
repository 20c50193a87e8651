using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace MerchantPortal.Web.Pages.PaymentLinks;

/// <summary>The create and edit form; amounts stay text so the validator can say why one is refused.</summary>
public sealed class PaymentLinkForm
{
    public static readonly string[] Fields = [nameof(Title), nameof(Amount), nameof(Min), nameof(Max), nameof(Logo), nameof(PaymentId)];

    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Fixed amount (KES)")]
    public string? Amount { get; set; }

    [Display(Name = "Minimum (KES)")]
    public string? Min { get; set; }

    [Display(Name = "Maximum (KES)")]
    public string? Max { get; set; }

    [Display(Name = "Logo URL (optional)")]
    public string? Logo { get; set; }

    [Display(Name = "Pay into")]
    public string? PaymentId { get; set; }

    public CreateLinkRequest ToRequest() => new(Title, Amount, Min, Max, Logo, PaymentId);

    public static PaymentLinkForm From(PaymentLinkDto link) => new()
    {
        Title = link.Title,
        Amount = Text(link.Amount),
        Min = Text(link.Min),
        Max = Text(link.Max),
        Logo = link.Logo,
        PaymentId = link.PaymentId,
    };

    public static List<SelectListItem> AccountOptions(IEnumerable<PaymentAccountDto> accounts) =>
    [
        new("Primary account at payment time", ""),
        .. accounts.Select(a => new SelectListItem(
            $"{a.PaymentId} · {(a.Type == "till" ? "Till" : "Paybill")} {a.Number}{(a.IsPrimary ? " (primary)" : "")}", a.PaymentId)),
    ];

    private static string? Text(long? amount) => amount?.ToString(CultureInfo.InvariantCulture);
}
