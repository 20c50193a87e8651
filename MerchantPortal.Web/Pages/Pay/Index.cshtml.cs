using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PayPages;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>The customer's pay page: <c>/pay/{lid}</c> and <c>/index.php?action=paylink&amp;uid=…&amp;lid=…</c>.</summary>
public sealed class IndexModel(PayPageService pages, PaymentService payments, PortalRateLimiters limiters, IStringLocalizer<PayText> l)
    : PageModel
{
    public PayPageView? View { get; private set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    /// <param name="amount">Kept from a payment that did not go through ("Use another number").</param>
    public async Task<IActionResult> OnGetAsync(string? lid, string? uid, [FromQuery] string? amount, CancellationToken cancellationToken)
    {
        Amount = amount;
        return await LoadAsync(lid, uid, cancellationToken) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lid, uid, cancellationToken))
        {
            return NotFoundPage();
        }

        var link = View!.Link;
        if (!link.MerchantCanTakePayments)
        {
            // The page says the merchant cannot take payments; no push is attempted.
            return Page();
        }

        var ip = Hosting.ClientAddress.Of(HttpContext);
        var result = await limiters.GuardAsync(PortalRateLimiters.PayLink(ip, Phone), PortalRateLimiters.TooManyPayments,
            () => payments.PayFromLinkAsync(new PayFromLinkRequest(link.MerchantPublicId, link.LinkId, Phone, Amount), cancellationToken),
            PushAttempt.WasMade, cancellationToken);
        if (result.Succeeded)
        {
            if (Phones.TryNormalize(Phone, out var msisdn) && !Phones.IsSafaricomRange(msisdn))
            {
                TempData["PhoneWarning"] = true;
            }

            return RedirectToPage("/Pay/Status", new { token = result.Value!.StatusToken });
        }

        PayErrors.AddTo(ModelState, result.Error!, link, l);
        return Page();
    }

    private async Task<bool> LoadAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        var result = await pages.GetLinkAsync(uid, lid, cancellationToken);
        View = result.Value;
        return result.Succeeded;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
