using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Audit;

/// <summary>The business's audit log (owners and admins): who did what, when and from where, filtered; as CSV too.</summary>
public sealed class IndexModel(BusinessAuditQuery audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public BusinessAuditPage Log { get; private set; } = new([], 1, false);

    public string? Problem { get; private set; }

    private BusinessAuditFilter Filter => new(ActionFilter, Who, From, To);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await audit.ListAsync(User.MerchantId(), Filter, PageNumber, cancellationToken);
        Log = result.Value ?? Log;
        Problem = result.Error?.Message;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var result = await audit.CsvAsync(User.MerchantId(), Filter, cancellationToken);
        if (!result.Succeeded)
        {
            return BadRequest(result.Error!.Message);
        }

        var name = $"audit-{Nairobi.ToLocal(DateTimeOffset.UtcNow):yyyy-MM-dd-HHmm}.csv";
        return File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(result.Value!)).ToArray(), "text/csv; charset=utf-8", name);
    }

    public string PageUrl(int page) => Url.Page("/Audit/Index", new { action = ActionFilter, who = Who, from = From, to = To, p = page })!;

    public string CsvUrl => Url.Page("/Audit/Index", "Csv", new { action = ActionFilter, who = Who, from = From, to = To })!;
}
