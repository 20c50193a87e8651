using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Plans;

/// <summary>One plan: its name, price, period and whether it is offered; making it the default.</summary>
public sealed class EditModel(PlanAdminService plans) : PageModel
{
    public AdminPlanDto Plan { get; private set; } = null!;

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = PlanForm.From(Plan);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await plans.UpdateAsync(AdminActor.Of(User), id, Input.ToRequest(), cancellationToken), "saved", cancellationToken);

    public async Task<IActionResult> OnPostMakeDefaultAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await plans.MakeDefaultAsync(AdminActor.Of(User), id, cancellationToken), "is now the default", cancellationToken);

    private async Task<IActionResult> AfterAsync(string id, Result<AdminPlanDto> result, string done, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = $"Plan {result.Value!.Name} {done}.";
            return RedirectToPage(new { id });
        }

        if (result.Error!.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddServiceError(result.Error, nameof(Input), PlanForm.Fields);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var result = await plans.GetAsync(id, cancellationToken);
        Plan = result.Value!;
        return result.Succeeded;
    }
}
