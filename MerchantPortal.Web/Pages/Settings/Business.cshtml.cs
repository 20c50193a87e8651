using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Settings;

/// <summary>Settings → Business: the name, support contacts and logo customers see.</summary>
// Files up to ten times the 1 MB a logo may have reach the service, which names the size (the framework buffers them
// on disk); only a larger body gets the framework's bare refusal.
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
[RequestSizeLimit(UploadLimit + (64 * 1024))]
public sealed class BusinessModel(BusinessProfileService profiles) : PageModel
{
    private const int UploadLimit = 10 * LogoImages.MaxBytes;

    [BindProperty]
    public BusinessForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    public BusinessProfileDto Profile { get; private set; } = null!;

    /// <summary>The business's username (its owner's), which customers see until a name is set; not the member's own.</summary>
    public string Username => User.Acting().Username;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await profiles.SaveAsync(User.MerchantId(), Input.ToRequest(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, nameof(Input), BusinessForm.Fields);
            return await LoadAsync(cancellationToken) ? Page() : Challenge();
        }

        TempData["StatusMessage"] = "Business profile saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogoAsync(CancellationToken cancellationToken)
    {
        await using var content = Logo?.OpenReadStream() ?? Stream.Null;
        var result = await profiles.SetLogoAsync(User.MerchantId(), content, Logo?.Length ?? 0, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            return await ReloadAsync(cancellationToken);
        }

        TempData["StatusMessage"] = "Logo uploaded.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync(CancellationToken cancellationToken)
    {
        var result = await profiles.RemoveLogoAsync(User.MerchantId(), cancellationToken);
        if (!result.Succeeded)
        {
            return Challenge();
        }

        TempData["StatusMessage"] = "Logo removed.";
        return RedirectToPage();
    }

    /// <summary>The page with the saved profile in the form (a failed logo upload leaves the form's fields as saved).</summary>
    private async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Challenge();
        }

        Input = BusinessForm.From(Profile);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var result = await profiles.GetAsync(User.MerchantId(), cancellationToken);
        Profile = result.Value!;
        return result.Succeeded;
    }
}
