using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Billing;

/// <summary>The merchant's subscription: its state, renewal by M-Pesa into the operator's account, and past payments.</summary>
public sealed class IndexModel(SubscriptionService subscriptions, PortalRateLimiters limiters) : PageModel
{
    public BillingView View { get; private set; } = null!;

    /// <summary>The status token of the renewal being followed: the pay page's status endpoint answers for it.</summary>
    public string? PaymentToken { get; private set; }

    [BindProperty]
    [Display(Name = "Plan")]
    public string? PlanId { get; set; }

    [BindProperty]
    [Display(Name = "M-Pesa phone number")]
    public string? Phone { get; set; }

    public async Task OnGetAsync(string? payment, CancellationToken cancellationToken)
    {
        await LoadAsync(payment, cancellationToken);
        PlanId = View.Subscription.Plan?.Id;
        Phone = View.Phone;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var merchantId = User.MerchantId();
        // The same allowance as api_stk and renew_subscription: a push is a push, whichever door it came through;
        // a push Daraja was asked for counts, a refusal before it does not.
        var result = await limiters.GuardAsync(Limit.Stk, merchantId, PortalRateLimiters.TooManyPushes,
            () => subscriptions.RenewAsync(merchantId, new RenewRequest(PlanId, Phone), cancellationToken), PushAttempt.WasMade);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!);
            await LoadAsync(null, cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = "Payment request sent: enter your M-Pesa PIN on your phone.";
        return RedirectToPage(new { payment = result.Value!.StatusToken });
    }

    private async Task LoadAsync(string? payment, CancellationToken cancellationToken)
    {
        View = (await subscriptions.BillingAsync(User.MerchantId(), payment, cancellationToken)).Value!;
        PaymentToken = View.Followed is null ? null : payment;
    }
}
