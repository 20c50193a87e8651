using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages;

/// <summary>
/// The landing page for visitors. After signing in: an administrator's home is the admin area, a cashier's the counter,
/// a developer's the Developers page, anyone else's the dashboard; a person who belongs to no business is shown their businesses (none, and why).
/// </summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated != true
        ? Page()
        : Redirect(User.IsInRole(AdminRoles.Admin) ? "/Admin" : PortalSchemes.Merchant(User) switch
        {
            null => "/Businesses",
            { } m when m.Allows(Permission.Read) => "/Dashboard",
            { } m when m.Allows(Permission.TakePayments) => "/Counter",
            _ => "/Developers",
        });
}
