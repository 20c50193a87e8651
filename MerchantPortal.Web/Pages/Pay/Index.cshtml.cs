using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>The customer's pay page: <c>/pay/{lid}</c> and <c>/index.php?action=paylink&amp;uid=…&amp;lid=…</c>.</summary>
public sealed class IndexModel(PaymentLinkService links, PaymentService payments, PortalRateLimiters limiters) : PageModel
{
    public PublicLinkView? Link { get; private set; }

    [BindProperty]
    [Display(Name = "M-Pesa phone number")]
    public string? Phone { get; set; }

    [BindProperty]
    [Display(Name = "Amount (KES)")]
    public string? Amount { get; set; }

    public async Task<IActionResult> OnGetAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        return await LoadAsync(lid, uid, cancellationToken) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lid, uid, cancellationToken))
        {
            return NotFoundPage();
        }

        if (!Link!.MerchantCanTakePayments)
        {
            // The page says the merchant cannot take payments; no push is attempted.
            return Page();
        }

        var ip = Hosting.ClientAddress.Of(HttpContext);
        var result = await limiters.GuardAsync(PortalRateLimiters.PayLink(ip, Phone), PortalRateLimiters.TooManyPayments,
            () => payments.PayFromLinkAsync(new PayFromLinkRequest(Link!.MerchantPublicId, Link.LinkId, Phone, Amount), cancellationToken),
            PushAttempt.WasMade, cancellationToken);
        if (result.Succeeded)
        {
            if (Phones.TryNormalize(Phone, out var msisdn) && !Phones.IsSafaricomRange(msisdn))
            {
                TempData["PhoneWarning"] = Phones.NotSafaricomWarning;
            }

            return RedirectToPage("/Pay/Status", new { token = result.Value!.StatusToken });
        }

        if (result.Error!.Kind == ErrorKind.PaymentRequired)
        {
            // The refusal speaks to the merchant (renew your subscription); the customer is only told to ask them.
            ModelState.AddModelError("", Features.Subscriptions.SubscriptionGate.ClosedForCustomers);
            return Page();
        }

        ModelState.AddServiceError(result.Error, "", nameof(Phone), nameof(Amount));
        return Page();
    }

    private async Task<bool> LoadAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        var result = await links.GetPublicAsync(uid, lid, cancellationToken);
        Link = result.Value;
        return result.Succeeded;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
