using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

public sealed class TwoFactorModel(TwoFactorService twoFactor, SessionService sessions) : PageModel
{
    public TwoFactorStatus? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var status = await twoFactor.GetStatusAsync(AccountPages.PersonId(User), cancellationToken);
        Status = status.Value;
        return status.Succeeded ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var result = await twoFactor.DisableAsync(AccountPages.PersonId(User), cancellationToken);
        TempData["StatusMessage"] = result.Succeeded
            ? "Two-factor sign-in is off. Your password alone signs you in now."
            : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken cancellationToken)
    {
        var result = await sessions.SignOutOtherSessionsAsync(AccountPages.PersonId(User), cancellationToken);
        TempData["StatusMessage"] = result.Succeeded
            ? "Every other session is signed out. This one goes on."
            : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var result = await twoFactor.NewRecoveryCodesAsync(AccountPages.PersonId(User), cancellationToken);
        if (!result.Succeeded)
        {
            TempData["StatusMessage"] = "Error: " + result.Error!.Message;
            return RedirectToPage();
        }

        TempData[ShowRecoveryCodesModel.Key] = result.Value!.ToArray();
        TempData["StatusMessage"] = "New recovery codes made: the old ones no longer work.";
        return RedirectToPage("./ShowRecoveryCodes");
    }
}
