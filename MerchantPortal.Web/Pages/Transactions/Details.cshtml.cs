using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Transactions;

public sealed class DetailsModel(TransactionQueryService transactions, TransactionJournal journal) : PageModel
{
    public TransactionDto Transaction { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await transactions.GetAsync(User.MerchantId(), id, null, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Transaction = result.Value!;
        Timeline = await journal.ReadAsync(User.MerchantId(), id, cancellationToken);
        return Page();
    }
}
