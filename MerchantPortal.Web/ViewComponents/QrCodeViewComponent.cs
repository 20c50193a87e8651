using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.ViewComponents;

public sealed record QrCodeView(string DataUri, string Alt, int Size);

/// <summary>A QR code as an inline PNG <c>&lt;img&gt;</c>: no extra request, and it prints with the page.</summary>
public sealed class QrCodeViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(string text, string alt, int size = 200) =>
        View(new QrCodeView(QrCodes.PngDataUri(text), alt, size));
}
