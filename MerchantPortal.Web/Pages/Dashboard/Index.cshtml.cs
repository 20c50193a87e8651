using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.Onboarding;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Dashboard;

public sealed class IndexModel(
    DashboardService dashboard, ProfileService profiles, DarajaReadiness readiness, OnboardingService onboarding, Features.C2B.C2BSimulationService menu) : PageModel
{
    public DashboardSummary Summary { get; private set; } = null!;

    public Features.Subscriptions.SubscriptionDto Subscription { get; private set; } = null!;

    /// <summary>Accounts that cannot take a push until their Daraja setup is added (empty in Simulator mode).</summary>
    public IReadOnlyList<AccountSetupNotice> SetupNotices { get; private set; } = [];

    public OnboardingChecklist Checklist { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var merchantId = User.MerchantId();
        Summary = await dashboard.GetAsync(merchantId, cancellationToken);
        Subscription = (await profiles.GetAsync(merchantId, withKeys: false, cancellationToken)).Value!.Subscription;
        SetupNotices = await readiness.NoticesAsync(merchantId, cancellationToken);
        Checklist = await onboarding.GetAsync(merchantId, cancellationToken);
    }

    /// <summary>The checklist's "Make a test payment" (simulator only): shows the payment it started.</summary>
    public async Task<IActionResult> OnPostTestPaymentAsync(CancellationToken cancellationToken)
    {
        var merchant = PortalSchemes.Merchant(User)!;
        var result = await onboarding.PayOwnLinkAsync(merchant.Id, merchant.PublicId, Hosting.ClientAddress.Of(HttpContext), cancellationToken);
        if (!result.Succeeded)
        {
            TempData["StatusMessage"] = "Error: " + result.Error!.Message;
            return RedirectToPage();
        }

        TempData["StatusMessage"] = "Test payment sent from the simulator's test number. It is marked as a test on this page.";
        return Redirect("/Transactions/Details/" + result.Value!.TransactionId);
    }

    /// <summary>"Simulate a payment from the M-Pesa menu" (simulator only): the payment appears when its confirmation arrives.</summary>
    public async Task<IActionResult> OnPostSimulateMenuPaymentAsync(string? phone, string? amount, string? billRef, CancellationToken cancellationToken)
    {
        var result = await menu.SimulateAsync(User.MerchantId(), new Features.C2B.SimulateC2BRequest(null, phone, amount, billRef), cancellationToken);
        TempData["StatusMessage"] = result.Succeeded
            ? $"The simulated customer paid from the M-Pesa menu (receipt {result.Value ?? "not named"}). The payment appears below once M-Pesa confirms it."
            : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }
}
