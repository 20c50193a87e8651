using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PayPages;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>
/// The customer's pay page: <c>/pay/{lid}</c> and <c>/index.php?action=paylink&amp;uid=…&amp;lid=…</c>. What only a
/// form post uses (payments, menu intents, the rate limiters) is handed to its handler, not to the constructor: every
/// view of a link builds this model, and most views post nothing.
/// </summary>
public sealed class IndexModel(PayPageService pages, IStringLocalizer<PayText> l) : PageModel
{
    public PayPageView? View { get; private set; }

    /// <summary>Set once the customer said they pay a till from the M-Pesa menu: what to pay, and until when it is matched.</summary>
    public MenuIntentRecorded? MenuIntent { get; private set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    /// <summary><c>?mode=test</c>: "Try this link in test mode", honoured only for the link's own signed-in merchant.</summary>
    [BindProperty(SupportsGet = true, Name = "mode")]
    public string? Mode { get; set; }

    /// <summary>The link's own merchant is trying it: the payment goes through the simulator as test data.</summary>
    public bool TryingInTestMode { get; private set; }

    /// <param name="amount">Kept from a payment that did not go through ("Use another number").</param>
    public async Task<IActionResult> OnGetAsync(string? lid, string? uid, [FromQuery] string? amount, CancellationToken cancellationToken)
    {
        Amount = amount;
        return await LoadAsync(lid, uid, cancellationToken) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(
        string? lid, string? uid, [FromServices] PaymentService payments, [FromServices] PortalRateLimiters limiters,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lid, uid, cancellationToken))
        {
            return NotFoundPage();
        }

        var link = View!.Link;
        if (!link.MerchantCanTakePayments && !TryingInTestMode)
        {
            // The page says the merchant cannot take payments; no push is attempted.
            return Page();
        }

        var ip = Hosting.ClientAddress.Of(HttpContext);
        var result = await limiters.GuardAsync(PortalRateLimiters.PayLink(ip, Phone), PortalRateLimiters.TooManyPayments,
            // The amount as the customer typed it ("KES 1,500"), as the merchant's own link form reads it.
            () => payments.PayFromLinkAsync(new PayFromLinkRequest(link.MerchantPublicId, link.LinkId, Phone, Amounts.NormalizeTyped(Amount)), cancellationToken,
                TryingInTestMode ? Api.PortalSchemes.Merchant(User)!.Id : null),
            PushAttempt.WasMade, cancellationToken);
        if (result.Succeeded)
        {
            if (Phones.TryNormalize(Phone, out var msisdn) && !Phones.IsSafaricomRange(msisdn))
            {
                TempData["PhoneWarning"] = true;
            }

            return RedirectToPage("/Pay/Status", new { token = result.Value!.StatusToken });
        }

        if (result.Error!.PendingStatusToken is { } pending)
        {
            // M-Pesa's answer was unclear and the prompt may still arrive: the customer follows this payment to its
            // outcome on its status page, rather than being asked to pay again.
            return RedirectToPage("/Pay/Status", new { token = pending });
        }

        PayErrors.AddTo(ModelState, result.Error!, link, l);
        return Page();
    }

    /// <summary>"Pay from the M-Pesa menu instead" on a till: remembers phone and amount so the till payment finds this link.</summary>
    public async Task<IActionResult> OnPostMenuAsync(
        string? lid, string? uid, [FromServices] MenuIntentService menu, [FromServices] PortalRateLimiters limiters,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lid, uid, cancellationToken))
        {
            return NotFoundPage();
        }

        if (TryingInTestMode)
        {
            // The page offers no menu payment in test mode: one would be live money matched to this link.
            return Page();
        }

        var ip = Hosting.ClientAddress.Of(HttpContext);
        var result = await limiters.GuardAsync(PortalRateLimiters.PayLink(ip, Phone), PortalRateLimiters.TooManyPayments,
            () => menu.RecordAsync(View!.Link.LinkId, Phone, Amount, cancellationToken), cancellationToken: cancellationToken);
        if (result.Succeeded)
        {
            MenuIntent = result.Value;
        }
        else
        {
            PayErrors.AddTo(ModelState, result.Error!, View!.Link, l);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string? lid, string? uid, CancellationToken cancellationToken)
    {
        var result = await pages.GetLinkAsync(uid, lid, cancellationToken);
        View = result.Value;
        TryingInTestMode = View is not null && string.Equals(Mode, "test", StringComparison.OrdinalIgnoreCase)
            && Api.PortalSchemes.Merchant(User)?.PublicId == View.Link.MerchantPublicId;
        return result.Succeeded;
    }

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
