using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Shows freshly made recovery codes once: they travel in TempData and are gone on the next request.</summary>
public sealed class ShowRecoveryCodesModel : PageModel
{
    public const string Key = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[Key] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactor");
        }

        Codes = codes;
        return Page();
    }
}
