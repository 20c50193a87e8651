using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Transactions;

public sealed class DetailsModel(TransactionDetailsService details, TransactionJournal journal) : PageModel
{
    public TransactionDetails Details { get; private set; } = null!;

    public TransactionDto Transaction => Details.Transaction;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await details.GetAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Details = result.Value!;
        Timeline = await journal.ReadAsync(User.MerchantId(), id, cancellationToken);
        return Page();
    }
}
