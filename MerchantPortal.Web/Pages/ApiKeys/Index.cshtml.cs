using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.Modes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.ApiKeys;

public sealed class IndexModel(ApiKeyService keys) : PageModel
{
    private const string NewKeySlot = "NewApiKey";

    public IReadOnlyList<ApiKeyInfoDto> Keys { get; private set; } = [];

    /// <summary>The key just generated: carried once through TempData (PRG), then gone for good.</summary>
    public string? NewKey { get; private set; }

    [BindProperty]
    [Display(Name = "Label")]
    public string? Label { get; set; }

    [BindProperty]
    public string Mode { get; set; } = DataModes.Live;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NewKey = TempData[NewKeySlot] as string;
        if (NewKey is not null)
        {
            Response.Headers.CacheControl = "no-store";
        }

        Keys = await keys.ListAsync(User.MerchantId(), cancellationToken);
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken cancellationToken)
    {
        var result = await keys.GenerateAsync(User.Acting(), Label, Mode, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, "", nameof(Label), nameof(Mode));
            Keys = await keys.ListAsync(User.MerchantId(), cancellationToken);
            return Page();
        }

        TempData[NewKeySlot] = result.Value!.Key;
        TempData["StatusMessage"] = $"API key “{result.Value.Label}” generated.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(User.Acting(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"API key “{result.Value}” revoked: calls with it are refused from now on.";
        return RedirectToPage();
    }
}
