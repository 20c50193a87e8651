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
}
