using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Statements;

/// <summary>One import: its counts, its exceptions by kind a page at a time, and adding the payments the portal lacks.</summary>
public sealed class DetailsModel(StatementReviewService review, StatementResolutionService resolution) : PageModel
{
    public static readonly string[] Kinds =
        [StatementExceptionKinds.NotInPortal, StatementExceptionKinds.NotInStatement, StatementExceptionKinds.AmountDiffers];

    public StatementImportSummary Import { get; private set; } = null!;

    public string Kind { get; private set; } = StatementExceptionKinds.NotInPortal;

    public StatementExceptionPage Lines { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string? kind, string? after, CancellationToken cancellationToken)
    {
        Kind = Kinds.Contains(kind) ? kind! : StatementExceptionKinds.NotInPortal;
        var import = await review.GetAsync(User.MerchantId(), id, cancellationToken);
        var lines = await review.ExceptionsAsync(User.MerchantId(), id, Kind, after, cancellationToken);
        if (!import.Succeeded || !lines.Succeeded)
        {
            return NotFound();
        }

        (Import, Lines) = (import.Value!, lines.Value!);
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(string id, long line, CancellationToken cancellationToken) => AddAsync(id, line, cancellationToken);

    public Task<IActionResult> OnPostAddAllAsync(string id, CancellationToken cancellationToken) => AddAsync(id, null, cancellationToken);

    private async Task<IActionResult> AddAsync(string id, long? line, CancellationToken cancellationToken)
    {
        var result = await resolution.AddMissingAsync(User.MerchantId(), id, line, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        var done = result.Value!;
        TempData["StatusMessage"] = $"{done.Added:N0} payment(s) added as M-Pesa menu payments, marked as imported from the statement."
            + (done.AlreadyRecorded > 0 ? $" {done.AlreadyRecorded:N0} already in your payments." : "")
            + (done.NotAdded > 0 ? $" {done.NotAdded:N0} could not be added (an amount with cents, or a receipt that cannot be taken here); contact support about them." : "")
            + (done.Remaining > 0 ? $" {done.Remaining:N0} remain: add all again." : "");
        return RedirectToPage(new { id, kind = StatementExceptionKinds.NotInPortal });
    }
}
