using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>The second step after a right password: the code from the authenticator app.</summary>
public sealed class LoginWith2faModel(TwoFactorService twoFactor) : PageModel
{
    [BindProperty]
    [Display(Name = "Code from your authenticator app")]
    public string? Code { get; set; }

    [BindProperty]
    [Display(Name = "Don't ask for a code again on this device")]
    public bool RememberMachine { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await twoFactor.SignInWithCodeAsync(
            Code, RememberMe, RememberMachine, AccountPages.ClientIp(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(AccountPages.AfterSignIn(Url, ReturnUrl));
        }

        ModelState.AddServiceError(result.Error!);
        return Page();
    }
}
