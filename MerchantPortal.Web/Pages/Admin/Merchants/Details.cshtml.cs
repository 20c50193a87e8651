using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Merchants;

/// <summary>One merchant: subscription, accounts, volumes, activity; extend, change plan, suspend, reactivate.</summary>
public sealed class DetailsModel(AdminMerchantQueryService merchants, AdminMerchantService admin) : PageModel
{
    public AdminMerchantDetails Merchant { get; private set; } = null!;

    [BindProperty]
    [Display(Name = "Days to add")]
    public string? Days { get; set; }

    [BindProperty]
    [Display(Name = "Plan")]
    public string? PlanId { get; set; }

    [BindProperty]
    [Display(Name = "Reason (the merchant sees it)")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostExtendAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await admin.ExtendAsync(AdminActor.Of(User), id, new ExtendSubscriptionRequest(Days), cancellationToken),
            end => $"Subscription extended to {Nairobi.Format(end)} (Nairobi time).", cancellationToken);

    public async Task<IActionResult> OnPostChangePlanAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await admin.ChangePlanAsync(AdminActor.Of(User), id, new ChangePlanRequest(PlanId), cancellationToken),
            plan => $"Plan changed to {plan}: it applies from the next renewal.", cancellationToken);

    public async Task<IActionResult> OnPostSuspendAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await admin.SuspendAsync(AdminActor.Of(User), id, new SuspendMerchantRequest(Reason), cancellationToken),
            _ => "Merchant suspended: sign-in, API keys and pay pages are refused.", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await admin.ReactivateAsync(AdminActor.Of(User), id, cancellationToken),
            _ => "Merchant reactivated.", cancellationToken);

    /// <summary>Post/Redirect/Get on success; on a refusal the page again, with the reason beside the field.</summary>
    private async Task<IActionResult> AfterAsync<T>(string id, Result<T> result, Func<T, string> message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = message(result.Value!);
            return RedirectToPage(new { id });
        }

        ModelState.AddServiceError(result.Error!, ("days", nameof(Days)), ("plan_id", nameof(PlanId)), ("reason", nameof(Reason)));
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var result = await merchants.GetAsync(id, cancellationToken);
        Merchant = result.Value!;
        return result.Succeeded;
    }
}
