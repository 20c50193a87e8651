using System.Text;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Pages.PaymentLinks;

public sealed class DetailsModel(PaymentLinkService links) : PageModel
{
    public PaymentLinkSummary Summary { get; private set; } = null!;

    public PaymentLinkDto Link => Summary.Link;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The QR code as a file: <c>?handler=Qr&amp;format=png</c> or <c>svg</c>.</summary>
    public async Task<IActionResult> OnGetQrAsync(string id, string? format, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The short address, as on the page: the code a customer scans is the one the merchant sees.
        // File(…, name) sends Content-Disposition with both filename and filename*.
        var url = Summary.Share.Url;
        return format switch
        {
            "svg" => File(Encoding.UTF8.GetBytes(QrCodes.Svg(url)), "image/svg+xml", QrFileName("svg")),
            "png" or null => File(QrCodes.Png(url), "image/png", QrFileName("png")),
            _ => BadRequest(),
        };
    }

    /// <summary>Named after the title (<c>sukuma-wiki-bundle-qr.png</c>), so a merchant with many links can tell them apart.</summary>
    public string QrFileName(string extension) => LinkSharing.QrFileName(Link.Title, Link.Id, extension);

    public async Task<IActionResult> OnPostSetActiveAsync(string id, bool active, CancellationToken cancellationToken)
    {
        var result = await links.SetActiveAsync(User.MerchantId(), id, active, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = active
            ? "The link is enabled: customers can pay again."
            : "The link is disabled: its page tells customers it is not accepting payments.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await links.DeleteAsync(User.MerchantId(), id, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = "Payment link deleted. Its payments stay in your transactions.";
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var result = await links.GetAsync(User.MerchantId(), id, cancellationToken);
        Summary = result.Value!;
        return result.Succeeded;
    }
}
