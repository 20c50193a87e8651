using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentLinks;

public sealed class EditModel(PaymentLinkService links, PaymentAccountService accounts) : PageModel
{
    [BindProperty]
    public PaymentLinkForm Input { get; set; } = new();

    public string Id { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await links.GetAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Id = id;
        Input = PaymentLinkForm.From(result.Value!.Link);
        await LoadAccountsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        var result = await links.UpdateAsync(User.MerchantId(), id, Input.ToRequest(), cancellationToken);
        if (result.Error?.Code == "link_not_found")
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Id = id;
            ModelState.AddServiceError(result.Error!, nameof(Input), PaymentLinkForm.Fields);
            await LoadAccountsAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Payment link “{result.Value!.Title}” saved.";
        return RedirectToPage("Details", new { id });
    }

    private async Task LoadAccountsAsync(CancellationToken cancellationToken) =>
        ViewData["Accounts"] = PaymentLinkForm.AccountOptions(await accounts.ListAsync(User.MerchantId(), cancellationToken));
}
