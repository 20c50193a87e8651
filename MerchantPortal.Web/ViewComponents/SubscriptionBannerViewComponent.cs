using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Subscriptions;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.ViewComponents;

/// <summary>
/// The subscription banner under the header (<see cref="SubscriptionBanners"/>): the signed-in business's warning
/// or end, or nothing. A view component, as the header is, so the layout reads no data of its own.
/// </summary>
public sealed class SubscriptionBannerViewComponent(SubscriptionBannerService banners) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var banner = HttpContext.User.Identity?.IsAuthenticated == true && PortalSchemes.Merchant(HttpContext.User) is { } merchant
            ? await banners.GetAsync(merchant.Id, HttpContext.RequestAborted)
            : null;
        return banner is null ? Content("") : View(banner);
    }
}
