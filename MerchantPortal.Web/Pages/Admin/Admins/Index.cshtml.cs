using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Admin.Admins;

/// <summary>The administrators, and promoting an existing user to be one.</summary>
public sealed class IndexModel(AdminAccountService admins) : PageModel
{
    public IReadOnlyList<AdminUserDto> Admins { get; private set; } = [];

    [BindProperty]
    [Display(Name = "Email address or username")]
    public string? Login { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Admins = await admins.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await admins.PromoteAsync(AdminActor.Of(User), new PromoteAdminRequest(Login), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            Admins = await admins.ListAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"{result.Value!.Username} is now an administrator (their Admin link appears within a minute).";
        return RedirectToPage();
    }
}
