using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Unmatched;

/// <summary>Payments from the M-Pesa menu that pay no link, newest first, each with a form to attribute it.</summary>
public sealed class IndexModel(UnmatchedPayments unmatched) : PageModel
{
    public UnmatchedPage Listing { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken) =>
        Listing = await unmatched.ListAsync(User.MerchantId(), page ?? 1, cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(string? transactionId, string? linkId, CancellationToken cancellationToken)
    {
        var result = await unmatched.AssignAsync(User.MerchantId(), AdminActor.Of(User), transactionId, linkId, cancellationToken);
        TempData["StatusMessage"] = result.Succeeded
            ? $"Payment {result.Value!.TransactionId} now pays “{result.Value.LinkTitle}”."
            : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }
}
