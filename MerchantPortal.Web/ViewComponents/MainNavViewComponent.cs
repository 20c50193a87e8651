using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Business;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.ViewComponents;

/// <summary>What the header shows: who is signed in (by business name), whether they administer, and where they are.</summary>
/// <param name="Role">The role the person acts with: the menu leaves out what it may not open.</param>
/// <param name="Businesses">How many businesses the person belongs to (a switch is offered from two).</param>
public sealed record MainNavModel(bool SignedIn, string Name, string Username, bool IsAdmin, string Path, string? Role = null, int Businesses = 0)
{
    public bool Shows(NavItem item) => Pages.PagePermissions.MayOpen(Role, item.Href);
}

/// <summary>The layout's header navigation; a view component because the account menu needs the business name.</summary>
public sealed class MainNavViewComponent(BusinessProfileService profiles) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = HttpContext.User;
        var path = HttpContext.Request.Path.Value ?? "/";
        if (user.Identity?.IsAuthenticated != true || PortalSchemes.PersonId(user) is null)
        {
            return View(new MainNavModel(false, "", "", false, path));
        }

        var businesses = int.TryParse(user.FindFirst(PortalSchemes.BusinessCountClaim)?.Value, out var count) ? count : 0;
        var merchant = PortalSchemes.Merchant(user);
        var name = merchant is null ? user.Identity.Name ?? "" : await profiles.DisplayNameAsync(merchant.Id, HttpContext.RequestAborted) ?? merchant.Username;
        return View(new MainNavModel(true, name, user.Identity.Name ?? "", user.IsInRole(AdminRoles.Admin), path, merchant?.Role, businesses));
    }
}
