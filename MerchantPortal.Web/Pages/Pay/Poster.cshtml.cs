using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>A printable poster of a payment link for the counter: <c>/pay/{lid}/poster</c>.</summary>
public sealed class PosterModel(PaymentLinkService links) : PageModel
{
    public PublicLinkView? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lid, CancellationToken cancellationToken)
    {
        var result = await links.GetPublicAsync(null, lid, cancellationToken);
        Link = result.Value;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public static string AmountText(PublicLinkView link) => link switch
    {
        { Amount: { } fixedAmount } => Amounts.Format(fixedAmount),
        { Min: { } min, Max: { } max } => $"Any amount from {Amounts.Format(min)} to {Amounts.Format(max)}",
        { Min: { } min } => $"Any amount from {Amounts.Format(min)}",
        { Max: { } max } => $"Any amount up to {Amounts.Format(max)}",
        _ => "Any amount",
    };
}
