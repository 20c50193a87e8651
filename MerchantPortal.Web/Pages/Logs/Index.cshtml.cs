using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RequestLogs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Logs;

/// <summary>Developers → Logs: the merchant's API requests, newest first, filtered as <c>request_logs</c> is.</summary>
public sealed class IndexModel(RequestLogService logs) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "log_action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public RequestLogPage? Listing { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await logs.ListAsync(User.MerchantId(), new RequestLogFilter(ActionName, Status, Key, From, To), Cursor, null, cancellationToken);
        Listing = result.Succeeded ? result.Value : null;
        Error = result.Error?.Message;
    }
}
