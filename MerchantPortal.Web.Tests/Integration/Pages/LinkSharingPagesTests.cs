using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>Links made to be shared: the short address people see and scan, share buttons, and downloads named after the title.</summary>
public abstract class LinkSharingPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheLinkPageShowsAndEncodesTheShortAddressWhileTheApiKeepsTheLongOne()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, publicUrl) = await CreateLinkAsync(merchant, "Sukuma wiki bundle");
        var shortUrl = ShortUrl(publicUrl, lid);

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));

        Assert.Contains($"/index.php?action=paylink&uid={merchant.PublicId}&lid={lid}", publicUrl);
        Assert.Contains($"value=\"{shortUrl}\"", page);
        Assert.Contains($"<a href=\"{shortUrl}\" target=\"_blank\"", page);
        Assert.Contains($"src=\"{QrCodes.PngDataUri(shortUrl)}\"", page);
        Assert.DoesNotContain("action=paylink", page);
        var png = await merchant.Api.Http.GetByteArrayAsync($"/PaymentLinks/Details/{lid}?handler=Qr&format=png");
        Assert.Equal(QrCodes.Png(shortUrl), png);
        Assert.Equal(QrCodes.Svg(shortUrl), await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}?handler=Qr&format=svg"));
    }

    [Fact]
    public async Task TheJsonAnswersKeepTheDocumentsLongPublicUrlAndItStillOpensThePayPage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, publicUrl) = await CreateLinkAsync(merchant, "Chai");

        var me = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links")[0];

        Assert.Equal(publicUrl, me.GetProperty("public_url").GetString());
        Assert.Matches($"^https?://[^/]+/index\\.php\\?action=paylink&uid={merchant.PublicId}&lid={lid}$", publicUrl);
        using var customer = app.NewClient();
        using var longForm = await customer.GetAsync(publicUrl);
        using var shortForm = await customer.GetAsync(ShortUrl(publicUrl, lid));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (longForm.StatusCode, shortForm.StatusCode));
        Assert.Contains("Chai", await longForm.Content.ReadAsStringAsync());
        Assert.Contains("Chai", await shortForm.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Chai & mandazi #1 ?x=1")]
    [InlineData("<script>alert('x')</script> \"quoted\"")]
    [InlineData("Maziwa ya ng'ombe 🥛 — lita 2")]
    public async Task ShareButtonsCarryTheTitleAndShortAddressEncodedAsOneMessage(string title)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, publicUrl) = await CreateLinkAsync(merchant, title);
        var expected = $"{title} (KES 450). Pay with M-Pesa: {ShortUrl(publicUrl, lid)}";

        foreach (var path in new[] { $"/PaymentLinks/Details/{lid}", "/PaymentLinks" })
        {
            var raw = await merchant.Api.Http.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", raw);
            var whatsApp = Href(raw, "https://wa.me/?text=");
            var sms = Href(raw, "sms:?&body=");
            foreach (var (href, prefix) in new[] { (whatsApp, "https://wa.me/?text="), (sms, "sms:?&body=") })
            {
                var message = href[prefix.Length..];
                // Nothing in the title can end the message or start another parameter.
                Assert.DoesNotMatch("[&#?\\s<>\"']", message);
                Assert.Equal(expected, Uri.UnescapeDataString(message));
            }
        }
    }

    [Fact]
    public async Task EachRowOfTheListOffersTheShortAddressToCopyAndShare()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (first, publicUrl) = await CreateLinkAsync(merchant, "Mandazi");
        var (second, _) = await CreateLinkAsync(merchant, "Chapati");

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/PaymentLinks"));

        foreach (var lid in new[] { first, second })
        {
            Assert.Contains($"<input id=\"url-{lid}\" value=\"{ShortUrl(publicUrl, lid)}\" readonly", page);
            Assert.Matches($"<button type=\"button\" class=\"secondary\" data-copy=\"#url-{lid}\" hidden>", page);
        }

        Assert.Equal(2, Regex.Matches(page, "href=\"https://wa\\.me/\\?text=").Count);
        Assert.Equal(2, Regex.Matches(page, "href=\"sms:\\?&body=").Count);
        Assert.DoesNotContain("action=paylink", page);
    }

    [Theory]
    [InlineData("Sukuma wiki bundle", "sukuma-wiki-bundle-qr")]
    [InlineData("  Chai ya Asubuhi — Mama Ñjeri!  ", "chai-ya-asubuhi-mama-njeri-qr")]
    [InlineData("<b>Nyama</b> \"choma\"; filename=evil.exe", "b-nyama-b-choma-filename-evil-exe-qr")]
    [InlineData("Café / crème brûlée 😋", "cafe-creme-brulee-qr")]
    [InlineData("🍌🍌🍌", null)]
    [InlineData("ماندازي", null)]
    public async Task QrDownloadsAreNamedAfterTheTitleInSafeAscii(string title, string? expected)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, _) = await CreateLinkAsync(merchant, title);
        var name = expected ?? $"{lid}-qr";

        var page = await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}");
        foreach (var format in new[] { "png", "svg" })
        {
            using var file = await merchant.Api.Http.GetAsync($"/PaymentLinks/Details/{lid}?handler=Qr&format={format}");
            var disposition = file.Content.Headers.ContentDisposition!;
            Assert.Equal(("attachment", $"{name}.{format}", $"{name}.{format}"),
                (disposition.DispositionType, disposition.FileName, disposition.FileNameStar));
            Assert.Contains($"download=\"{name}.{format}\"", page);
        }
    }

    [Fact]
    public async Task AVeryLongTitleGivesAFileNameOfAtMostSixtyCharactersBeforeTheSuffix()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, _) = await CreateLinkAsync(merchant, string.Concat(Enumerable.Repeat("Unga wa ngano ", 8)).Trim());

        using var file = await merchant.Api.Http.GetAsync($"/PaymentLinks/Details/{lid}?handler=Qr&format=png");

        var name = file.Content.Headers.ContentDisposition!.FileName!;
        Assert.Matches("^unga-wa-ngano(-[a-z]+)+-qr\\.png$", name);
        Assert.InRange(name.Length - "-qr.png".Length, 1, 60);
    }

    [Fact]
    public async Task TheDevelopersPageShowsTheShortPayPageAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var (lid, publicUrl) = await CreateLinkAsync(merchant, "Chai");

        var page = await merchant.Api.Http.GetStringAsync("/Developers");

        Assert.Contains($"<code>{ShortUrl(publicUrl, lid)}</code>", page);
    }

    private static string ShortUrl(string publicUrl, string lid) => publicUrl[..publicUrl.IndexOf("/index.php", StringComparison.Ordinal)] + "/pay/" + lid;

    private static string Href(string html, string prefix)
    {
        var match = Regex.Match(html, "href=\"(" + Regex.Escape(prefix.Replace("&", "&amp;", StringComparison.Ordinal)) + "[^\"]*)\"");
        Assert.True(match.Success, $"No link starting {prefix}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<(string Lid, string PublicUrl)> CreateLinkAsync(TestMerchant merchant, string title)
    {
        var data = (await merchant.Api.PostAsync("create_link", ("title", title), ("amount", "450"))).AssertOk().Data;
        return (data.GetProperty("link_id").GetString()!, data.GetProperty("public_url").GetString()!);
    }
}

public sealed class SqliteLinkSharingPagesTests(SqliteApp app) : LinkSharingPagesTests<SqliteApp>(app);

public sealed class PostgresLinkSharingPagesTests(PostgresApp app) : LinkSharingPagesTests<PostgresApp>(app);
