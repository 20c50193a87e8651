using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

/// <summary>
/// An account's Pull Transactions: the account page shows this section and posts its forms here; done, they go back
/// there. A bad nominated number is shown here beside its input, and nothing is saved.
/// </summary>
public sealed class PullModel(PullTransactionsService pull) : PageModel
{
    public PullSettingsDto Settings { get; private set; } = null!;

    public int RouteId { get; private set; }

    /// <summary>The number in the form: the one posted when it was refused, else the one saved.</summary>
    public string? Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnableAsync(int id, string? nominatedNumber, CancellationToken cancellationToken)
    {
        var result = await pull.EnableAsync(User.MerchantId(), IndexModel.PaymentId(id), nominatedNumber, cancellationToken);
        if (result.Error is { Kind: ErrorKind.Invalid } invalid && await LoadAsync(id, cancellationToken))
        {
            ModelState.AddServiceError(invalid);
            Number = nominatedNumber;
            return Page();
        }

        return Done(id, result, result.Value is { RegistrationOk: false } refused
            ? "Error: M-Pesa did not register the account for Pull Transactions: " + refused.RegistrationAnswer
            : "M-Pesa registered the account for Pull Transactions: missed payments from the M-Pesa menu will be recovered.");
    }

    public async Task<IActionResult> OnPostDisableAsync(int id, CancellationToken cancellationToken) =>
        Done(id, await pull.DisableAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken), "Pull Transactions switched off for this account.");

    /// <summary>"Check M-Pesa now": the counts are shown in the section, in the page's own words.</summary>
    public async Task<IActionResult> OnPostCheckAsync(int id, CancellationToken cancellationToken)
    {
        var result = await pull.CheckNowAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        if (result.Value is { Complete: true } outcome)
        {
            TempData[PullFound.Seen] = outcome.Seen;
            TempData[PullFound.Added] = outcome.Added;
        }

        return Done(id, result, result.Value?.Failure is { } failure ? "Error: M-Pesa did not list the payments: " + failure : null);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var result = await pull.GetAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        (Settings, RouteId, Number) = (result.Value!, id, result.Value?.NominatedNumber);
        return result.Succeeded;
    }

    private IActionResult Done<T>(int id, Result<T> result, string? done)
    {
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = result.Succeeded ? done : "Error: " + result.Error!.Message;
        return RedirectToPage("Edit", null, new { id }, "pull-transactions");
    }
}

/// <summary>The TempData keys "Check M-Pesa now" leaves for the section: rows listed and payments added.</summary>
public static class PullFound
{
    public const string Seen = "PullSeen";
    public const string Added = "PullAdded";
}
