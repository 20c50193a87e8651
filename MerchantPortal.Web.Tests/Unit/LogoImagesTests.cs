using System.Text;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class LogoImagesTests
{
    [Fact]
    public void APngIsAcceptedWithItsSizeAndType()
    {
        var found = LogoImages.Check(TestImages.Png(3, 2));

        Assert.True(found.Succeeded, found.Error?.Message);
        Assert.Equal(new LogoImage("image/png", 3, 2), found.Value);
    }

    [Fact]
    public void AJpegIsAcceptedWithItsSizeAndType()
    {
        var found = LogoImages.Check(TestImages.Jpeg(20, 9));

        Assert.True(found.Succeeded, found.Error?.Message);
        Assert.Equal(new LogoImage("image/jpeg", 20, 9), found.Value);
    }

    [Fact]
    public void LossyLosslessAndExtendedWebpAreAccepted()
    {
        foreach (var webp in new[] { TestImages.WebpLossless(), TestImages.WebpLossy(), TestImages.WebpExtended() })
        {
            var found = LogoImages.Check(webp);

            Assert.True(found.Succeeded, found.Error?.Message);
            Assert.Equal(new LogoImage("image/webp", 1, 1), found.Value);
        }
    }

    [Fact]
    public void AnSvgIsRefusedAsNotAnAcceptedFormat() =>
        AssertRefused(TestImages.Svg(), "logo_unsupported_type", "PNG, JPEG or WebP");

    [Fact]
    public void AGifIsRefusedAsNotAnAcceptedFormat() =>
        AssertRefused(TestImages.Gif(), "logo_unsupported_type", "GIF");

    [Fact]
    public void HtmlIsRefusedAsNotAnAcceptedFormat() =>
        AssertRefused("<!doctype html><html><body>Hi</body></html>"u8.ToArray(), "logo_unsupported_type", "PNG, JPEG or WebP");

    [Fact]
    public void APngSignatureGluedOnHtmlIsRefusedAsDamaged() =>
        AssertRefused(TestImages.PngHeaderOnHtml(), "logo_damaged", "not a complete, valid one");

    [Fact]
    public void HtmlAfterTheEndOfARealPngIsRefused() =>
        AssertRefused([.. TestImages.Png(), .. "<html><script>alert(1)</script></html>"u8], "logo_damaged", "PNG");

    [Fact]
    public void HtmlAfterTheEndOfARealJpegIsRefused() =>
        AssertRefused([.. TestImages.Jpeg(), .. "<script>alert(1)</script>"u8], "logo_damaged", "JPEG");

    [Fact]
    public void AScriptInsideAPngTextChunkIsRefused() =>
        AssertRefused(TestImages.Png(2, 2, ("tEXt", Encoding.ASCII.GetBytes("Comment\0<script>alert(1)</script>"))), "logo_damaged", "PNG");

    [Fact]
    public void AnSvgInsideAJpegCommentIsRefused() =>
        AssertRefused(TestImages.Jpeg(comment: Encoding.ASCII.GetBytes("<svg onload=alert(1)>")), "logo_damaged", "JPEG");

    [Fact]
    public void APngWithABadChecksumIsRefused()
    {
        var png = TestImages.Png();
        png[^20] ^= 0xFF; // inside IDAT: its CRC no longer matches

        AssertRefused(png, "logo_damaged", "PNG");
    }

    [Fact]
    public void APngWhosePixelsDoNotFillItsClaimedSizeIsRefused()
    {
        var png = TestImages.Png(2, 2);
        var claimsMore = TestImages.Png(40, 40);
        // The small image's pixel data under the large image's header: a real decoder would run out of data.
        var header = claimsMore[..33];
        AssertRefused([.. header, .. png[33..]], "logo_damaged", "PNG");
    }

    [Fact]
    public void ATruncatedPngIsRefused() => AssertRefused(TestImages.Png()[..^12], "logo_damaged", "PNG");

    [Fact]
    public void ATruncatedJpegIsRefused() => AssertRefused(TestImages.Jpeg()[..^2], "logo_damaged", "JPEG");

    [Fact]
    public void AWebpWhoseRiffSizeDisagreesWithTheFileIsRefused() =>
        AssertRefused([.. TestImages.WebpLossy(), 0, 0], "logo_damaged", "WebP");

    [Fact]
    public void AnAnimatedWebpIsRefused()
    {
        var webp = TestImages.WebpExtended();
        webp[20] |= 0x02; // VP8X animation flag

        AssertRefused(webp, "logo_damaged", "WebP");
    }

    [Fact]
    public void AFileOverOneMegabyteIsRefusedWithItsSize()
    {
        var big = TestImages.Png(2, 2, ("prVt", new byte[LogoImages.MaxBytes]));

        AssertRefused(big, "logo_too_large", "at most 1 MB");
    }

    [Fact]
    public void AnImageWiderThanTheLimitIsRefusedWithItsDimensions() =>
        AssertRefused(TestImages.Png(LogoImages.MaxSide + 1, 1), "logo_dimensions", $"{LogoImages.MaxSide + 1}×1");

    [Fact]
    public void AJpegTallerThanTheLimitIsRefusedWithItsDimensions() =>
        AssertRefused(TestImages.Jpeg(8, LogoImages.MaxSide + 8), "logo_dimensions", "pixels");

    [Fact]
    public void AnEmptyFileIsRefused() => AssertRefused([], "logo_missing", "Choose an image");

    private static void AssertRefused(byte[] bytes, string code, string messagePart)
    {
        var found = LogoImages.Check(bytes);

        Assert.False(found.Succeeded, "accepted: " + found.Value);
        Assert.Equal(code, found.Error!.Code);
        Assert.Contains(messagePart, found.Error.Message, StringComparison.Ordinal);
        Assert.Equal("logo", Assert.Single(found.Error.Fields!).Key);
    }
}
