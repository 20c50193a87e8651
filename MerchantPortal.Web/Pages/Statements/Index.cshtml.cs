using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.Statements;

/// <summary>Reconcile: upload an M-Pesa statement for an account, and the imports made so far.</summary>
// Files up to twice the statement limit reach the service, which names the size (the framework buffers them on
// disk, so memory does not grow with them); only a larger body gets the framework's bare refusal.
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
[RequestSizeLimit(UploadLimit + (64 * 1024))]
public sealed class IndexModel(StatementImportService imports, StatementReviewService review, PaymentAccountService accounts) : PageModel
{
    private const long UploadLimit = 2 * StatementImportService.MaxBytes;

    [BindProperty]
    public string? PaymentId { get; set; }

    [BindProperty]
    public IFormFile? Statement { get; set; }

    public IReadOnlyList<PaymentAccountDto> Accounts { get; private set; } = [];

    public IReadOnlyList<StatementImportSummary> Imports { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await using var content = Statement?.OpenReadStream() ?? Stream.Null;
        var upload = new StatementUpload(PaymentId, Statement?.FileName ?? "", Statement?.Length ?? 0, content);
        var result = await imports.ImportAsync(User.MerchantId(), upload, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddServiceError(result.Error!, ("file", nameof(Statement)));
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["StatusMessage"] = "Statement imported and matched to your payments.";
        return RedirectToPage("Details", new { id = result.Value });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Accounts = await accounts.ListAsync(User.MerchantId(), cancellationToken);
        PaymentId ??= Accounts.FirstOrDefault(a => a.IsPrimary)?.PaymentId;
        Imports = await review.ListAsync(User.MerchantId(), cancellationToken);
    }
}
