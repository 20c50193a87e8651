using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Reversals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

/// <summary>An account's initiator for reversals (name and security credential; the credential is never shown again).</summary>
public sealed class InitiatorModel(InitiatorService initiators) : PageModel
{
    public InitiatorStatus Status { get; private set; } = null!;

    public int RouteId { get; private set; }

    [BindProperty]
    [Display(Name = "Initiator name")]
    public string? InitiatorName { get; set; }

    [BindProperty]
    [Display(Name = "Security credential")]
    public string? SecurityCredential { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await initiators.SaveAsync(User.Acting(), IndexModel.PaymentId(id), InitiatorName, SecurityCredential, cancellationToken);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, ("initiator_name", nameof(InitiatorName)), ("security_credential", nameof(SecurityCredential)));
            // The credential is never sent back, not even as the form's own value after an error.
            SecurityCredential = null;
            ModelState.SetModelValue(nameof(SecurityCredential), rawValue: null, attemptedValue: null);
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Initiator for reversals on {result.Value!.PaymentId} saved.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await initiators.ClearAsync(User.Acting(), IndexModel.PaymentId(id), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"The initiator of {result.Value!.PaymentId} is removed: its payments cannot be reversed until one is added.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var result = await initiators.GetAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        RouteId = id;
        Status = result.Value!;
        InitiatorName ??= Status?.InitiatorName;
        return result.Succeeded;
    }
}
