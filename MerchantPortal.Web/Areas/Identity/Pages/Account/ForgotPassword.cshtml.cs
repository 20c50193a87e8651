using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.RateLimits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

public sealed class ForgotPasswordModel(AccountSecurityService security, PortalRateLimiters limiters) : PageModel
{
    // The same words whether or not the address has an account: the form must not reveal who is registered.
    public const string Sent = "If an account uses that address, we have sent it a link to reset the password. Check your email.";

    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter the email address of your account.");
            return Page();
        }

        // Each request sends an email: bounded like sign-in, so the form cannot flood a mailbox.
        var ip = AccountPages.ClientIp(HttpContext);
        if (!(await limiters.TakeAsync([new(Limit.PasswordReset, ip)], cancellationToken)).Granted)
        {
            ModelState.AddModelError("", AccountPages.TooManyAttempts);
            return Page();
        }

        await security.SendPasswordResetAsync(Email, cancellationToken);
        TempData["StatusMessage"] = Sent;
        return RedirectToPage();
    }
}
