using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Business;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.ViewComponents;

/// <summary>What the header shows: who is signed in (by business name), whether they administer, and where they are.</summary>
public sealed record MainNavModel(bool SignedIn, string Name, string Username, bool IsAdmin, string Path);

/// <summary>The layout's header navigation; a view component because the account menu needs the business name.</summary>
public sealed class MainNavViewComponent(BusinessProfileService profiles) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = HttpContext.User;
        var path = HttpContext.Request.Path.Value ?? "/";
        if (user.Identity?.IsAuthenticated != true || PortalSchemes.Merchant(user) is not { } merchant)
        {
            return View(new MainNavModel(false, "", "", false, path));
        }

        var name = await profiles.DisplayNameAsync(merchant.Id, HttpContext.RequestAborted) ?? merchant.Username;
        return View(new MainNavModel(true, name, merchant.Username, user.IsInRole(AdminRoles.Admin), path));
    }
}
