using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Settings;

/// <summary>Settings → Business: the name, support contacts and logo customers see.</summary>
// The upload may be a little over the 1 MB the checks allow, so the refusal names the size instead of a bare 413.
[RequestFormLimits(MultipartBodyLengthLimit = 2 * LogoImages.MaxBytes)]
[RequestSizeLimit(2 * LogoImages.MaxBytes + 64 * 1024)]
public sealed class BusinessModel(BusinessProfileService profiles) : PageModel
{
    [BindProperty]
    public BusinessForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    public BusinessProfileDto Profile { get; private set; } = null!;

    public string Username => User.Identity?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Challenge();
        }

        Input = BusinessForm.From(Profile);
        return Page();
    }

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
        var content = Logo is null ? [] : await ReadAsync(Logo, cancellationToken);
        var result = await profiles.SetLogoAsync(User.MerchantId(), content, cancellationToken);
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

    /// <summary>The whole file (the form limit above bounds it), so the checks see every byte and the real size.</summary>
    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream((int)file.Length);
        await file.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

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
