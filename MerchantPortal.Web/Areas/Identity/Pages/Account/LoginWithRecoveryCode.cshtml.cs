using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>The second step with one of the recovery codes shown when two-factor sign-in was turned on.</summary>
public sealed class LoginWithRecoveryCodeModel(TwoFactorService twoFactor) : PageModel
{
    [BindProperty]
    [Display(Name = "Recovery code")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await twoFactor.SignInWithRecoveryCodeAsync(Code, AccountPages.ClientIp(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(AccountPages.AfterSignIn(Url, ReturnUrl));
        }

        ModelState.AddServiceError(result.Error!);
        return Page();
    }
}
