using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.PayPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>The outcome of a customer's payment, keyed by an unguessable token (never the transaction id).</summary>
public sealed class StatusModel(PayPageService pages, TimeProvider time) : PageModel
{
    /// <summary>About how long the M-Pesa prompt stays on the phone; after it, the customer may send it again.</summary>
    public const int PromptSeconds = 60;

    public CustomerPayment? Payment { get; private set; }

    public bool Pending => Payment?.Status == TransactionStatuses.Pending;

    /// <summary>Seconds left of the prompt while pending; 0 once it should have ended.</summary>
    public int SecondsLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var result = await pages.GetPaymentAsync(token, cancellationToken);
        Payment = result.Value;
        // The page holds the customer's phone and the receipt's address: kept out of every cache.
        Response.Headers.CacheControl = "no-store";
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var waited = (time.GetUtcNow() - Payment!.CreatedAt).TotalSeconds;
        SecondsLeft = (int)Math.Clamp(Math.Ceiling(PromptSeconds - waited), 0, PromptSeconds);
        return Page();
    }

    /// <summary>What the page's script (and the Billing page's) polls: the state, its reason and the receipt, nothing else.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string token, CancellationToken cancellationToken)
    {
        var result = await pages.GetPaymentAsync(token, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return result.Succeeded ? new JsonResult(new
            {
                status = result.Value!.Status,
                reason = Mpesa.ResultCodes.Reason(result.Value.Status, result.Value.ResultCode),
                receipt = result.Value.Receipt,
            }) : NotFound();
    }
}
