using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Plans;

/// <summary>The plans on offer, and a new one.</summary>
public sealed class IndexModel(PlanAdminService plans) : PageModel
{
    public IReadOnlyList<AdminPlanDto> Plans { get; private set; } = [];

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Plans = await plans.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await plans.CreateAsync(AdminActor.Of(User), Input.ToRequest(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, nameof(Input), PlanForm.Fields);
            Plans = await plans.ListAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Plan {result.Value!.Name} created.";
        return RedirectToPage();
    }
}
