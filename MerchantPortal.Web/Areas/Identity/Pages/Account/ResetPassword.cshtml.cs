using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>Opened from the reset email's link, which carries the token as <c>code</c>.</summary>
public sealed class ResetPasswordModel(AccountSecurityService security) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    [BindProperty]
    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    [Display(Name = "New password again")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await security.ResetPasswordAsync(new ResetPasswordRequest(Email, Code, Password, ConfirmPassword), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            return Page();
        }

        TempData["StatusMessage"] = "Your password was reset. Sign in with the new one.";
        return RedirectToPage("./Login");
    }
}
