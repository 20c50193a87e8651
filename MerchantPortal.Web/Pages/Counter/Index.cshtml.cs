using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Counter;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Counter;

/// <summary>
/// "Request payment" at the counter: phone, amount, optional reference → an STK push by api_stk's own path and
/// allowance; the outcome then appears live on the page, and the person's payments of today below.
/// <c>?compact=1</c> is the same page without the list, for a phone held at the till.
/// </summary>
public sealed class IndexModel(PaymentService payments, PortalRateLimiters limiters, CounterService counter) : PageModel
{
    [BindProperty]
    [Display(Name = "Customer's phone")]
    public string? Phone { get; set; }

    [BindProperty]
    [Display(Name = "Amount (KES)")]
    public string? Amount { get; set; }

    [BindProperty]
    [Display(Name = "Reference (optional)")]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Compact { get; set; }

    /// <summary>The status token of the payment being followed (the page's address carries it).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Payment { get; set; }

    public TransactionDto? Followed { get; private set; }

    public IReadOnlyList<TransactionDto> Today { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = PortalSchemes.Merchant(User)!;
        var request = new StkPushRequest(Phone, Amount, null, string.IsNullOrWhiteSpace(Reference) ? null : Reference, null, null);
        // The same allowance as api_stk: a push is a push, whichever door it came through.
        var result = await limiters.GuardAsync(Limit.Stk, me.Id, PortalRateLimiters.TooManyPushes,
            () => payments.StartStkAsync(me.Id, request, cancellationToken, me.PersonId), PushAttempt.WasMade);
        if (result.Error?.PendingStatusToken is { } pending)
        {
            // M-Pesa's answer was unclear and the prompt may still arrive: the counter follows this payment rather than
            // inviting a second push to the same customer.
            return RedirectToPage(new { payment = pending, compact = Compact ? "true" : null });
        }

        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, "", nameof(Phone), nameof(Amount), nameof(Reference));
            Payment = null;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage(new { payment = result.Value!.StatusToken, compact = Compact ? "true" : null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = PortalSchemes.Merchant(User)!;
        Followed = await counter.FollowAsync(me.Id, Payment, cancellationToken);
        if (Followed?.Status == Data.Entities.TransactionStatuses.Pending)
        {
            Response.Headers.CacheControl = "no-store";
        }

        Today = Compact || me.PersonId is null ? [] : await counter.TodayAsync(me.Id, me.PersonId, cancellationToken);
    }
}
