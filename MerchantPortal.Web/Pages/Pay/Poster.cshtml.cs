using MerchantPortal.Web.Features.PayPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>A printable poster of a payment link for the counter, in A4 or A5: <c>/pay/{lid}/poster?size=a5</c>.</summary>
public sealed class PosterModel(PayPageService pages) : PageModel
{
    public PayPageView? View { get; private set; }

    /// <summary>"a4" or "a5"; anything else is A4.</summary>
    public string Size { get; private set; } = "a4";

    public async Task<IActionResult> OnGetAsync(string lid, [FromQuery] string? size, CancellationToken cancellationToken)
    {
        Size = size == "a5" ? "a5" : "a4";
        var result = await pages.GetLinkAsync(null, lid, cancellationToken);
        View = result.Value;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
