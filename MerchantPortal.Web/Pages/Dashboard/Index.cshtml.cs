using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Dashboard;

public sealed class IndexModel(DashboardService dashboard, ProfileService profiles, DarajaReadiness readiness) : PageModel
{
    public DashboardSummary Summary { get; private set; } = null!;

    public Features.Subscriptions.SubscriptionDto Subscription { get; private set; } = null!;

    /// <summary>Accounts that cannot take a push until their Daraja setup is added (empty in Simulator mode).</summary>
    public IReadOnlyList<AccountSetupNotice> SetupNotices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var merchantId = User.MerchantId();
        Summary = await dashboard.GetAsync(merchantId, cancellationToken);
        Subscription = (await profiles.GetAsync(merchantId, cancellationToken)).Value!.Subscription;
        SetupNotices = await readiness.NoticesAsync(merchantId, cancellationToken);
    }
}
