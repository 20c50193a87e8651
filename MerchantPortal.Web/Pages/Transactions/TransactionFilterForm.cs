using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Pages.Transactions;

/// <summary>The filter fields as the form and the query string carry them.</summary>
public sealed class TransactionFilterForm
{
    public string? Status { get; set; }

    [Display(Name = "From")]
    public string? From { get; set; }

    [Display(Name = "To")]
    public string? To { get; set; }

    [Display(Name = "Account")]
    public string? PaymentId { get; set; }

    [Display(Name = "Link")]
    public string? LinkId { get; set; }

    public string? Phone { get; set; }

    [Display(Name = "Receipt or transaction id")]
    public string? Search { get; set; }

    public string? Reference { get; set; }

    public string? Description { get; set; }

    /// <summary>stk or c2b; blank for both.</summary>
    public string? Channel { get; set; }

    /// <summary>Only menu payments attributed to no link.</summary>
    [Display(Name = "Unmatched only")]
    public bool Unmatched { get; set; }

    public TransactionFilter ToFilter() => new(Blank(Status), Blank(From), Blank(To), Blank(PaymentId), Blank(LinkId), Blank(Phone), Blank(Search),
        Blank(Reference), Blank(Description), Blank(Channel), Unmatched);

    public Dictionary<string, string?> RouteValues(string? cursor) => new()
    {
        ["Filter.Status"] = Blank(Status),
        ["Filter.From"] = Blank(From),
        ["Filter.To"] = Blank(To),
        ["Filter.PaymentId"] = Blank(PaymentId),
        ["Filter.LinkId"] = Blank(LinkId),
        ["Filter.Phone"] = Blank(Phone),
        ["Filter.Search"] = Blank(Search),
        ["Filter.Reference"] = Blank(Reference),
        ["Filter.Description"] = Blank(Description),
        ["Filter.Channel"] = Blank(Channel),
        ["Filter.Unmatched"] = Unmatched ? "true" : null,
        ["Cursor"] = cursor,
    };

    public static readonly string[] Fields =
        [nameof(Status), nameof(From), nameof(To), nameof(PaymentId), nameof(LinkId), nameof(Phone), nameof(Search), nameof(Reference), nameof(Description), nameof(Channel)];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
