using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

public sealed class EditModel(PaymentAccountService accounts) : PageModel
{
    [BindProperty]
    public PaymentAccountForm Input { get; set; } = new();

    public string PaymentId { get; private set; } = "";

    public int RouteId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var result = await accounts.GetAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        PaymentId = result.Value!.PaymentId;
        RouteId = id;
        Input = PaymentAccountForm.From(result.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await accounts.SaveAsync(User.MerchantId(), Input.ToRequest(IndexModel.PaymentId(id)), cancellationToken);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            PaymentId = Data.Entities.PaymentAccount.FormatPaymentId(id);
            RouteId = id;
            ModelState.AddServiceError(result.Error!, nameof(Input), PaymentAccountForm.Fields);
            return Page();
        }

        TempData["StatusMessage"] = $"Payment account {result.Value!.Account.PaymentId} saved.";
        return RedirectToPage("Index");
    }
}
