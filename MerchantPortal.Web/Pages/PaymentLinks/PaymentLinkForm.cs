using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace MerchantPortal.Web.Pages.PaymentLinks;

/// <summary>The create and edit form; amounts stay text so the validator can say why one is refused.</summary>
public sealed class PaymentLinkForm
{
    public static readonly string[] Fields = [nameof(Title), nameof(Amount), nameof(Min), nameof(Max), nameof(Logo), nameof(PaymentId), nameof(AccountCode), nameof(CollectTotal)];

    [Display(Name = "Title")]
    public string? Title { get; set; }

    public const string FixedAmount = "fixed";

    public const string CustomerAmount = "customer";

    /// <summary><see cref="FixedAmount"/> or <see cref="CustomerAmount"/>; a post without it (an older form) is read from what is filled in.</summary>
    public string? AmountKind { get; set; }

    [Display(Name = "Fixed amount (KES)")]
    public string? Amount { get; set; }

    [Display(Name = "Minimum (KES, optional)")]
    public string? Min { get; set; }

    [Display(Name = "Maximum (KES, optional)")]
    public string? Max { get; set; }

    [Display(Name = "Logo URL (optional)")]
    public string? Logo { get; set; }

    [Display(Name = "Pay into")]
    public string? PaymentId { get; set; }

    /// <summary>Blank: the portal chooses one from the title and amount (a new link) or keeps the link's own (an edit).</summary>
    [Display(Name = "Account number for Pay Bill (optional)")]
    public string? AccountCode { get; set; }

    [Display(Name = "Collect a total (KES, optional)")]
    public string? CollectTotal { get; set; }

    /// <summary>The choice sent, else what is filled in says it; null when neither does.</summary>
    public string? ChosenKind => AmountKind switch
    {
        FixedAmount or CustomerAmount => AmountKind,
        _ when !string.IsNullOrWhiteSpace(Amount) => FixedAmount,
        _ when !string.IsNullOrWhiteSpace(Min) || !string.IsNullOrWhiteSpace(Max) => CustomerAmount,
        _ => null,
    };

    /// <summary>
    /// Only the chosen kind's fields count: without JavaScript both groups are on screen and may both hold text.
    /// Amounts are read as people type them ("KES 1,500"); a fixed amount left empty is sent as "" so it is refused.
    /// </summary>
    public CreateLinkRequest ToRequest()
    {
        // Undecided (nothing filled in, no choice sent) keeps what such a post always meant: any amount.
        var total = Amounts.NormalizeTyped(CollectTotal);
        return ChosenKind == FixedAmount
            ? new(Title, Amounts.NormalizeTyped(Amount ?? ""), null, null, Logo, PaymentId, AccountCode, total)
            : new(Title, null, Amounts.NormalizeTyped(Min), Amounts.NormalizeTyped(Max), Logo, PaymentId, AccountCode, total);
    }

    public static PaymentLinkForm From(PaymentLinkDto link) => new()
    {
        Title = link.Title,
        AmountKind = link.Amount is null ? CustomerAmount : FixedAmount,
        Amount = Text(link.Amount),
        Min = Text(link.Min),
        Max = Text(link.Max),
        Logo = link.Logo,
        PaymentId = link.PaymentId,
        AccountCode = link.AccountCode,
        CollectTotal = Text(link.CollectTotal),
    };

    public static List<SelectListItem> AccountOptions(IEnumerable<PaymentAccountDto> accounts) =>
    [
        new("Primary account at payment time", ""),
        .. accounts.Select(a => new SelectListItem(
            PaymentAccountTypes.Label(a.PaymentId, a.Type, a.Number) + (a.IsPrimary ? " (primary)" : ""), a.PaymentId)),
    ];

    private static string? Text(long? amount) => amount?.ToString(CultureInfo.InvariantCulture);
}
