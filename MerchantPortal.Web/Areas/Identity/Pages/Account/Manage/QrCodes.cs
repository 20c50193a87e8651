using QRCoder;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;

public static class QrCodes
{
    /// <summary>A PNG data URI for an <c>&lt;img&gt;</c>: nothing fetched from elsewhere, no markup injected.</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
