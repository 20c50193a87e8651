using MerchantPortal.Web.Features.Modes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.TestData;

/// <summary>
/// The dashboard's "Test data" switch (<see cref="TestDataSwitch"/>): posted from the header on every page, it turns
/// the switch on or off and returns to the page it was pressed on. Nothing to show by itself.
/// </summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Dashboard/Index");

    public IActionResult OnPost(bool on, string? returnUrl)
    {
        TestDataSwitch.Set(HttpContext, on);
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Dashboard/Index");
    }
}
