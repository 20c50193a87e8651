using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

public sealed class ChangePasswordModel(AccountSecurityService security) : PageModel
{
    [BindProperty]
    [Display(Name = "Current password")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [Display(Name = "New password again")]
    [DataType(DataType.Password)]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await security.ChangePasswordAsync(AccountPages.PersonId(User),
            new ChangePasswordRequest(CurrentPassword, NewPassword, ConfirmPassword), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            return Page();
        }

        TempData["StatusMessage"] = "Your password was changed.";
        return RedirectToPage();
    }
}
