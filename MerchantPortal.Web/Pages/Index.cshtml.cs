using MerchantPortal.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages;

/// <summary>The landing page for visitors; after signing in, an administrator's home is the admin area.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated != true
        ? Page()
        : Redirect(User.IsInRole(AdminRoles.Admin) ? "/Admin" : "/Dashboard");
}
