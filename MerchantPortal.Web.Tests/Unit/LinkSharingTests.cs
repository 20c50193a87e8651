using MerchantPortal.Web.Features.PaymentLinks;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class LinkSharingTests
{
    [Theory]
    [InlineData("Sukuma wiki bundle", "sukuma-wiki-bundle-qr.png")]
    [InlineData("SUKUMA  --  Wiki!!", "sukuma-wiki-qr.png")]
    [InlineData("Ñyama choma: Café", "nyama-choma-cafe-qr.png")]
    [InlineData("<img src=x onerror=alert(1)>", "img-src-x-onerror-alert-1-qr.png")]
    [InlineData("../../etc/passwd", "etc-passwd-qr.png")]
    [InlineData("a\"; filename*=UTF-8''evil.exe", "a-filename-utf-8-evil-exe-qr.png")]
    [InlineData("😀🎉", "link_abc123-qr.png")]
    [InlineData("Чай", "link_abc123-qr.png")]
    [InlineData("", "link_abc123-qr.png")]
    public void QrFileNamesAreSafeAsciiSlugsOfTheTitleOrTheLinkId(string title, string expected) =>
        Assert.Equal(expected, LinkSharing.QrFileName(title, "link_abc123", "png"));

    [Fact]
    public void SlugsStopAtSixtyCharactersWithoutATrailingHyphen()
    {
        var slug = LinkSharing.Slug(string.Concat(Enumerable.Repeat("abcd ", 40)));

        Assert.InRange(slug.Length, 1, LinkSharing.MaxSlugLength);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }

    [Fact]
    public void ShareMessagesAreOneEncodedQueryValue()
    {
        var share = LinkSharing.For("Chai & mandazi #1?", "KES 50", "https://pay.example/pay/link_x");

        const string Encoded = "Chai%20%26%20mandazi%20%231%3F%20%28KES%2050%29.%20Pay%20with%20M-Pesa%3A%20https%3A%2F%2Fpay.example%2Fpay%2Flink_x";
        Assert.Equal(("https://pay.example/pay/link_x", "https://wa.me/?text=" + Encoded, "sms:?&body=" + Encoded),
            (share.Url, share.WhatsAppHref, share.SmsHref));
    }
}
