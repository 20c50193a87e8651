using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Reversals;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Transactions;

/// <summary>One payment: its facts, its timeline, and its reversal (asked for, approved or declined here).</summary>
public sealed class DetailsModel(TransactionDetailsService details, TransactionJournal journal, ReversalService reversals) : PageModel
{
    public TransactionDetails Details { get; private set; } = null!;

    public TransactionDto Transaction => Details.Transaction;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>Why the last reversal form was refused, shown beside it.</summary>
    public string? ReversalProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostReverseAsync(string id, string? reason, CancellationToken cancellationToken) =>
        DoneAsync(id, reversals.RequestAsync(User.Acting(), new RequestReversalRequest(id, reason), cancellationToken),
            "Reversal asked for. It is sent to M-Pesa once approved (or at once, when no approval is needed).", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(string id, string? reversalId, string? code, CancellationToken cancellationToken) =>
        DoneAsync(id, reversals.ApproveAsync(User.Acting(), reversalId, code, cancellationToken),
            "Reversal approved and sent to M-Pesa: its result appears here.", cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string id, string? reversalId, CancellationToken cancellationToken) =>
        DoneAsync(id, reversals.DeclineAsync(User.Acting(), reversalId, cancellationToken), "Reversal declined: the payment stands.", cancellationToken);

    private async Task<IActionResult> DoneAsync<T>(string id, Task<Result<T>> action, string said, CancellationToken cancellationToken)
    {
        var result = await action;
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = said;
            return RedirectToPage(new { id });
        }

        if (result.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        ReversalProblem = result.Error.Message;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var result = await details.GetAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return false;
        }

        Details = result.Value!;
        Timeline = await journal.ReadAsync(User.MerchantId(), id, cancellationToken);
        return true;
    }
}
