using MerchantPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Audit;

/// <summary>The audit log, newest first; read-only by design (there is no handler that changes it).</summary>
public sealed class IndexModel(AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    // Not "page": Razor Pages keeps the page path in that route value, so it would never bind.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Log { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Log = await audit.ListAsync(Target, PageNumber, cancellationToken);

    public string PageUrl(int page) => Url.Page("/Admin/Audit/Index", new { target = Target, p = page })!;

    /// <summary>Where a target is shown: a merchant's or a plan's page (users promoted are merchants too).</summary>
    public string? TargetUrl(string target) =>
        target.StartsWith("u_", StringComparison.Ordinal) ? Url.Page("/Admin/Merchants/Details", new { id = target })
        : target.StartsWith("plan_", StringComparison.Ordinal) ? Url.Page("/Admin/Plans/Edit", new { id = target })
        : null;
}
