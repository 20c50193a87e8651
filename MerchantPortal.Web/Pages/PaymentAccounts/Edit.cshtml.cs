using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

public sealed class EditModel(PaymentAccountService accounts, C2BSettingsService menuPayments, PullTransactionsService pull) : PageModel
{
    [BindProperty]
    public PaymentAccountForm Input { get; set; } = new();

    public string PaymentId { get; private set; } = "";

    public int RouteId { get; private set; }

    /// <summary>Payments from the M-Pesa menu: validation, ResponseType and how the URLs' registration went.</summary>
    public C2BSettingsDto? MenuPayments { get; private set; }

    /// <summary>Pull Transactions (its forms post to the Pull page): switched on or not, its registration, how far checked.</summary>
    public PullSettingsDto? Pull { get; private set; }

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
        MenuPayments = (await menuPayments.GetAsync(User.MerchantId(), PaymentId, cancellationToken)).Value;
        Pull = (await pull.GetAsync(User.MerchantId(), PaymentId, cancellationToken)).Value;
        return Page();
    }

    /// <summary>"Register again": the account's C2B URLs, with Daraja's answer shown on the page.</summary>
    public async Task<IActionResult> OnPostRegisterAsync(int id, CancellationToken cancellationToken) =>
        MenuDone(id, await menuPayments.RegisterAgainAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken));

    public async Task<IActionResult> OnPostMenuSettingsAsync(int id, bool validation, string? responseType, CancellationToken cancellationToken) =>
        MenuDone(id, await menuPayments.SaveAsync(User.MerchantId(), IndexModel.PaymentId(id), new SaveC2BSettingsRequest(validation, responseType), cancellationToken));

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

        TempData["StatusMessage"] = $"Payment account {result.Value!.Account.PaymentId} saved." + RegistrationWords(result.Value.Registration);
        return RedirectToPage("Index");
    }

    /// <summary>What a save's C2B registration said, for the status message (empty when the save did not register).</summary>
    internal static string RegistrationWords(C2BRegistration? registration) => registration switch
    {
        null => "",
        { Ok: true } => " M-Pesa accepted its URLs for payments from the M-Pesa menu.",
        _ => " Its URLs for payments from the M-Pesa menu are not registered: " + registration.Answer,
    };

    private IActionResult MenuDone(int id, Result<C2BSettingsDto> result)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = !result.Succeeded ? "Error: " + result.Error!.Message
            : result.Value!.RegistrationOk ? "M-Pesa accepted the URLs: payments from the M-Pesa menu will be recorded."
            : "Error: M-Pesa did not register the URLs: " + result.Value.RegistrationAnswer;
        return RedirectToPage(new { id });
    }
}
