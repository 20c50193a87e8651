using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The banner's button: sends the confirmation email and goes back to the page the merchant was on.</summary>
public sealed class SendConfirmationEmailModel(AccountSecurityService security) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Back(returnUrl));

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        await security.SendEmailConfirmationAsync(AccountPages.PersonId(User), cancellationToken);
        TempData["StatusMessage"] = "We have sent you an email with a confirmation link. Open it to confirm your address.";
        return LocalRedirect(Back(returnUrl));
    }

    private string Back(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
