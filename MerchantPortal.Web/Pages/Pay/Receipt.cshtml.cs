using MerchantPortal.Web.Features.PayPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>
/// A payment's receipt at an unguessable, shareable address (decision 14). It shows this payment only, and says
/// "paid" only for a succeeded one.
/// </summary>
public sealed class ReceiptModel(PayPageService pages) : PageModel
{
    public CustomerPayment? Payment { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var result = await pages.GetReceiptAsync(token, cancellationToken);
        Payment = result.Value;
        Response.Headers.CacheControl = "no-store";
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
