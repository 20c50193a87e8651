using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token); a GET only offers the button.</summary>
public sealed class LogoutModel(SessionService sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.SignOutAsync(PortalSchemes.PersonId(User), cancellationToken);
        return LocalRedirect("/");
    }
}
