using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

/// <summary>The add and edit form; the service's validator holds the rules.</summary>
public sealed class PaymentAccountForm
{
    public static readonly string[] Fields = [nameof(Type), nameof(Number), nameof(AccountReference)];

    public static readonly IReadOnlyList<SelectListItem> Types =
    [
        new("Paybill", PaymentAccountTypes.Paybill),
        new("Till (Buy Goods)", PaymentAccountTypes.Till),
    ];

    [Display(Name = "Type")]
    public string? Type { get; set; } = PaymentAccountTypes.Paybill;

    [Display(Name = "Paybill or till number")]
    public string? Number { get; set; }

    [Display(Name = "Account reference (optional)")]
    public string? AccountReference { get; set; }

    /// <summary>The form sends every field, so a blank one is an error (or, for the reference, cleared), never "keep".</summary>
    public SavePaymentAccountRequest ToRequest(string? paymentId) => new(Type, Number, AccountReference, paymentId, WholeForm: true);

    public static PaymentAccountForm From(PaymentAccountDto account) =>
        new() { Type = account.Type, Number = account.Number, AccountReference = account.AccountReference };
}
