using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RequestLogs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Logs;

/// <summary>One logged API request with the fields it sent (secrets removed).</summary>
public sealed class DetailsModel(RequestLogService logs) : PageModel
{
    public RequestLogDto Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await logs.GetAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Entry = result.Value!;
        return Page();
    }
}
