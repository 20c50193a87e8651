using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

public sealed class LoginModel(AccountService accounts) : PageModel
{
    [BindProperty]
    [Display(Name = "Username or email")]
    public string? Login { get; set; }

    [BindProperty]
    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.LoginAsync(
            new LoginRequest(Login, Password, RememberMe), AccountPages.ClientIp(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(AccountPages.AfterSignIn(Url, ReturnUrl));
        }

        if (AccountService.NeedsSecondFactor(result.Error))
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, RememberMe });
        }

        ModelState.AddServiceError(result.Error!, ("user", nameof(Login)));
        return Page();
    }
}
