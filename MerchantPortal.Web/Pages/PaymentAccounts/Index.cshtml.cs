using System.Globalization;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

public sealed class IndexModel(PaymentAccountService accounts, PaymentAccountLifecycleService lifecycle, DarajaReadiness readiness) : PageModel
{
    public IReadOnlyList<PaymentAccountDto> Accounts { get; private set; } = [];

    /// <summary>Accounts that cannot take a push until their Daraja setup is added (empty in Simulator mode).</summary>
    public IReadOnlyList<AccountSetupNotice> SetupNotices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Accounts = await accounts.ListAsync(User.MerchantId(), cancellationToken);
        SetupNotices = await readiness.NoticesAsync(User.MerchantId(), cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var result = await lifecycle.DeleteAsync(User.MerchantId(), PaymentId(id), cancellationToken);
        return Done(result, a => $"Payment account {a.PaymentId} deleted. Its past payments stay in your history.");
    }

    public async Task<IActionResult> OnPostMakePrimaryAsync(int id, CancellationToken cancellationToken)
    {
        var result = await lifecycle.MakePrimaryAsync(User.MerchantId(), PaymentId(id), cancellationToken);
        return Done(result, a => $"Payment account {a.PaymentId} is now primary: payments without a payment_id go to it.");
    }

    /// <summary>Pages address an account by its payment_id's number (<c>#00002</c> is <c>/PaymentAccounts/Edit/2</c>).</summary>
    public static int RouteId(PaymentAccountDto account) => PaymentIds.TryParse(account.PaymentId, out var sequence) ? sequence : 0;

    internal static string PaymentId(int id) => id.ToString(CultureInfo.InvariantCulture);

    private IActionResult Done(Result<PaymentAccountDto> result, Func<PaymentAccountDto, string> message)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = result.Succeeded ? message(result.Value!) : "Error: " + result.Error!.Message;
        return RedirectToPage();
    }
}
