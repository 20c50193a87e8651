using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>The outcome of a customer's payment, keyed by an unguessable token (never the transaction id).</summary>
public sealed class StatusModel(TransactionQueryService transactions) : PageModel
{
    public PaymentStatusView? Payment { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var result = await transactions.GetByStatusTokenAsync(token, cancellationToken);
        Payment = result.Value;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>What the page's script polls: the state and the words to show, nothing else.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string token, CancellationToken cancellationToken)
    {
        var result = await transactions.GetByStatusTokenAsync(token, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return result.Succeeded
            ? new JsonResult(new { status = result.Value!.Status, reason = result.Value.Reason, receipt = result.Value.Receipt })
            : NotFound();
    }
}
