using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

public sealed class CredentialsModel(AccountCredentialsService credentials, DarajaReadiness readiness) : PageModel
{
    [BindProperty]
    public CredentialsForm Input { get; set; } = new();

    public AccountCredentialsDto Account { get; private set; } = null!;

    public int RouteId { get; private set; }

    /// <summary>What this account still needs before it can take a push (null when nothing, or in Simulator mode).</summary>
    public AccountSetupNotice? SetupNotice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await credentials.SaveAsync(User.MerchantId(), IndexModel.PaymentId(id), Input.ToRequest(), cancellationToken);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, nameof(Input), CredentialsForm.Fields);
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = $"Daraja settings for {result.Value!.PaymentId} saved. Use \"Test connection\" to check them.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await credentials.ClearAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = $"{result.Value!.PaymentId} now uses the portal's M-Pesa credentials.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken cancellationToken)
    {
        var result = await credentials.TestConnectionAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        if (result.Error?.Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = result.Succeeded ? result.Value : "Error: " + result.Error!.Message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var result = await credentials.GetAsync(User.MerchantId(), IndexModel.PaymentId(id), cancellationToken);
        if (result.Succeeded)
        {
            RouteId = id;
            Account = result.Value!;
            Input.StoreNumber ??= Account.StoreNumber;
            SetupNotice = (await readiness.NoticesAsync(User.MerchantId(), cancellationToken)).FirstOrDefault(n => n.RouteId == id);
        }

        return result.Succeeded;
    }
}
