using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>Opened from the confirmation email: <c>?userId=u_…&amp;code=…</c>.</summary>
public sealed class ConfirmEmailModel(AccountSecurityService security) : PageModel
{
    public bool Confirmed { get; private set; }

    public string Message { get; private set; } = "";

    public async Task OnGetAsync(string? userId, string? code, CancellationToken cancellationToken)
    {
        var result = await security.ConfirmEmailAsync(userId, code, cancellationToken);
        Confirmed = result.Succeeded;
        Message = result.Succeeded ? "Thank you: your email address is confirmed." : result.Error!.Message;
    }
}
