using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Transactions;

/// <summary>The merchant's transactions: filters in the query string, keyset paging, totals, CSV of the same filter.</summary>
public sealed class IndexModel(TransactionListService list, TransactionExportService export) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public TransactionFilterForm Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public TransactionChoices Choices { get; private set; } = new([], []);

    public TransactionListing? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var browse = await list.BrowseAsync(User.MerchantId(), Filter.ToFilter(), Cursor, cancellationToken);
        Choices = browse.Choices;
        Results = browse.Listing;
        if (browse.Error is { } error)
        {
            ModelState.AddServiceError(error, nameof(Filter), TransactionFilterForm.Fields);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var filter = TransactionExportService.Check(Filter.ToFilter());
        if (!filter.Succeeded)
        {
            // The form and its lists, with the error beside its field.
            await OnGetAsync(cancellationToken);
            return Page();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName()}\"";
        await export.WriteCsvAsync(User.MerchantId(), filter.Value!, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    public string PageUrl(string? cursor) => Url.Page("/Transactions/Index", null, Filter.RouteValues(cursor))!;

    public string CsvUrl() => Url.Page("/Transactions/Index", "Csv", Filter.RouteValues(null))!;
}
