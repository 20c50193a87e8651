using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Dashboard;

public sealed class IndexModel(DashboardService dashboard, ProfileService profiles) : PageModel
{
    public DashboardSummary Summary { get; private set; } = null!;

    public Features.Subscriptions.SubscriptionDto Subscription { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var merchantId = User.MerchantId();
        Summary = await dashboard.GetAsync(merchantId, cancellationToken);
        Subscription = (await profiles.GetAsync(merchantId, cancellationToken)).Value!.Subscription;
    }
}
