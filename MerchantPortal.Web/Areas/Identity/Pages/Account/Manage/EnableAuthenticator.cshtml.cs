using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

public sealed class EnableAuthenticatorModel(TwoFactorService twoFactor) : PageModel
{
    public AuthenticatorSetup? Setup { get; private set; }

    public string QrCode { get; private set; } = "";

    [BindProperty]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await twoFactor.EnableAsync(AccountPages.PersonId(User), Code, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            return await LoadAsync(cancellationToken) ? Page() : Challenge();
        }

        TempData[ShowRecoveryCodesModel.Key] = result.Value!.ToArray();
        TempData["StatusMessage"] = "Two-factor sign-in is on. Keep these recovery codes somewhere safe.";
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var setup = await twoFactor.GetSetupAsync(AccountPages.PersonId(User), cancellationToken);
        Setup = setup.Value;
        QrCode = Setup is null ? "" : QrCodes.PngDataUri(Setup.AuthenticatorUri);
        return setup.Succeeded;
    }
}
