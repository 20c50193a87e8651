using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

public sealed class CreateModel(PaymentAccountService accounts) : PageModel
{
    [BindProperty]
    public PaymentAccountForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.SaveAsync(User.MerchantId(), Input.ToRequest(null), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, nameof(Input), PaymentAccountForm.Fields);
            return Page();
        }

        var saved = result.Value!;
        TempData["StatusMessage"] = saved.Created
            ? $"Payment account {saved.Account.PaymentId} added." + EditModel.RegistrationWords(saved.Registration)
            : $"You already had {saved.Account.Type} {saved.Account.Number} as {saved.Account.PaymentId}: it was updated.";
        return RedirectToPage("Index");
    }
}
