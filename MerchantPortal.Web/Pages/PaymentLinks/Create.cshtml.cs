using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentLinks;

public sealed class CreateModel(PaymentLinkService links, PaymentAccountService accounts) : PageModel
{
    [BindProperty]
    public PaymentLinkForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAccountsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await links.CreateAsync(User.MerchantId(), Input.ToRequest(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, nameof(Input), PaymentLinkForm.Fields);
            await LoadAccountsAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Payment link “{result.Value!.Link.Title}” created. Share its URL or QR code.";
        return RedirectToPage("Details", new { id = result.Value.Link.Id });
    }

    private async Task LoadAccountsAsync(CancellationToken cancellationToken) =>
        ViewData["Accounts"] = PaymentLinkForm.AccountOptions(await accounts.ListAsync(User.MerchantId(), cancellationToken));
}
