using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Settings;

/// <summary>Settings → Business → Close this business (owners): what it does, then the name and password to confirm.</summary>
public sealed class CloseModel(BusinessClosingService closing) : PageModel
{
    [BindProperty]
    [Display(Name = "Business name")]
    public string? Name { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string? Password { get; set; }

    public ClosingCheck Check { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Check = await closing.CheckAsync(User.Acting(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await closing.CloseAsync(User.Acting(), new CloseBusinessRequest(Name, Password), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            Password = null;
            Check = await closing.CheckAsync(User.Acting(), cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"{result.Value} is closed. Its payments stay on record with the portal's operator, who can reopen it.";
        return RedirectToPage("/Businesses/Index");
    }
}
