using QRCoder;

namespace MerchantPortal.Web.Features.Common;

/// <summary>QR codes (pay pages, the authenticator set-up): for the screen (data URI), for print (SVG) and for chat apps (PNG).</summary>
public static class QrCodes
{
    // M recovers from ~15% damage: enough for a printed counter sticker, and keeps the code small.
    private const QRCodeGenerator.ECCLevel Level = QRCodeGenerator.ECCLevel.M;

    public static byte[] Png(string text, int pixelsPerModule = 10)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Level);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string text, int pixelsPerModule = 10)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Level);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string PngDataUri(string text, int pixelsPerModule = 6) =>
        "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
