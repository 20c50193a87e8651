using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

public sealed class RegisterModel(AccountService accounts) : PageModel
{
    [BindProperty]
    [Display(Name = "Username")]
    public string? Username { get; set; }

    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    [BindProperty]
    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "Phone number (optional)")]
    public string? Phone { get; set; }

    [BindProperty]
    [Display(Name = "Business name (optional)")]
    public string? BusinessName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(
            new RegisterRequest(Username, Email, Password, Phone, BusinessName), AccountPages.ClientIp(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            return Page();
        }

        return LocalRedirect(AccountPages.AfterSignIn(Url, ReturnUrl));
    }
}
