using MerchantPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Merchants;

/// <summary>Finds merchants by name, email, phone, payment id and more; the search is in the query string.</summary>
public sealed class IndexModel(AdminMerchantQueryService merchants) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    // Not "page": Razor Pages keeps the page path in that route value, so it would never bind.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AdminMerchantPage Results { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Results = await merchants.SearchAsync(Q, Status, PageNumber, cancellationToken);

    public string PageUrl(int page) => Url.Page("/Admin/Merchants/Index", new { q = Q, status = Status, p = page })!;
}
