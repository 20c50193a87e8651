using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Transactions;

/// <summary>The merchant's transactions: filters in the query string, keyset paging, CSV of the same filter.</summary>
public sealed class IndexModel(TransactionQueryService transactions, TransactionExportService export) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public TransactionFilterForm Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public TransactionPage? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await transactions.ListAsync(User.MerchantId(), new ListTransactionsRequest(Filter.ToFilter(), Cursor, "50"), cancellationToken);
        if (result.Succeeded)
        {
            Results = result.Value;
        }
        else
        {
            ModelState.AddServiceError(result.Error!, nameof(Filter), TransactionFilterForm.Fields);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var filter = TransactionExportService.Check(Filter.ToFilter());
        if (!filter.Succeeded)
        {
            ModelState.AddServiceError(filter.Error!, nameof(Filter), TransactionFilterForm.Fields);
            return Page();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"transactions-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await export.WriteCsvAsync(User.MerchantId(), filter.Value!, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    public string PageUrl(string? cursor) => Url.Page("/Transactions/Index", null, Filter.RouteValues(cursor))!;

    public string CsvUrl() => Url.Page("/Transactions/Index", "Csv", Filter.RouteValues(null))!;
}
