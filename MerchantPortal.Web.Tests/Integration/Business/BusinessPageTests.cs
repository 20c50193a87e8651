using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Business;

/// <summary>Settings → Business and the Register page's business name, and the logo as it is served, over real HTTP.</summary>
public abstract partial class BusinessPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Page = "/Settings/Business";

    [Fact]
    public async Task TheRegisterPageTakesABusinessName()
    {
        using var http = app.NewClient();
        var username = "m" + Guid.NewGuid().ToString("N")[..12];

        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Register", ("Username", username),
            ("Email", username + "@example.com"), ("Password", "secret1"), ("Phone", ""), ("BusinessName", "Duka la Juma"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Duka la Juma", await app.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.BusinessName).SingleAsync()));
    }

    [Fact]
    public async Task TheRegisterPageShowsABadBusinessNameBesideItAndRegistersNoOne()
    {
        using var http = app.NewClient();
        var username = "m" + Guid.NewGuid().ToString("N")[..12];

        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Register", ("Username", username),
            ("Email", username + "@example.com"), ("Password", "secret1"), ("Phone", ""), ("BusinessName", "X"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Matches("data-valmsg-for=\"BusinessName\"[^>]*>Enter a business name of 2 to 80", await posted.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == username)));
    }

    [Fact]
    public async Task SavingTheFormRedirectsAndStoresEachField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        Assert.Contains($"placeholder=\"{merchant.Username}\"", await merchant.Api.Http.GetStringAsync(Page));

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, Page, ("Input.BusinessName", "Duka la Juma"),
            ("Input.SupportPhone", "0712 000 111"), ("Input.SupportEmail", "juma@example.com"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(Page, posted.Headers.Location!.ToString());
        var page = await merchant.Api.Http.GetStringAsync(Page);
        Assert.Contains("Business profile saved.", page);
        Assert.Contains("value=\"Duka la Juma\"", page);
        Assert.Contains("value=\"0712000111\"", page);
        var stored = await StoredAsync(merchant);
        Assert.Equal(("Duka la Juma", "254712000111", "juma@example.com"), (stored.BusinessName, stored.SupportPhone, stored.SupportEmail));
    }

    [Fact]
    public async Task BlankFieldsOfTheFormClearTheProfile()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "Kiosk"), ("support_phone", "0712000111"), ("support_email", "a@b.co"))).AssertOk();

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, Page,
            ("Input.BusinessName", ""), ("Input.SupportPhone", ""), ("Input.SupportEmail", ""));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var stored = await StoredAsync(merchant);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (stored.BusinessName, stored.SupportPhone, stored.SupportEmail));
    }

    [Fact]
    public async Task EveryBadFieldIsShownBesideItAtOnceAndNothingIsWritten()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, Page,
            ("Input.BusinessName", "X"), ("Input.SupportPhone", "12345"), ("Input.SupportEmail", "nope"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"Input.BusinessName\"[^>]*>Enter a business name of 2 to 80", html);
        Assert.Matches("data-valmsg-for=\"Input.SupportPhone\"[^>]*>Enter a support phone number such as 0712 345 678", html);
        Assert.Matches("data-valmsg-for=\"Input.SupportEmail\"[^>]*>Enter a support email address such as help@example.com", html);
        var stored = await StoredAsync(merchant);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (stored.BusinessName, stored.SupportPhone, stored.SupportEmail));
    }

    [Fact]
    public async Task TheBusinessNameIsEncodedOnThePage()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "<script>alert(1)</script>"))).AssertOk();

        var page = await merchant.Api.Http.GetStringAsync(Page);

        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
    }

    [Fact]
    public async Task AnUploadedPngIsServedWithItsTypeNosniffACacheHeaderAndAnEtag()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var png = TestImages.Png(4, 3);

        using var uploaded = await UploadAsync(merchant, png, "logo.png", "image/png");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var logoUrl = await LogoUrlAsync(merchant);
        Assert.Contains($"/logos/{merchant.PublicId}?v=", logoUrl);
        Assert.Contains($"src=\"{logoUrl}\"", await merchant.Api.Http.GetStringAsync(Page));
        using var anonymous = app.NewClient();
        using var served = await anonymous.GetAsync(new Uri(logoUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        var etag = served.Headers.ETag!;

        using var bare = await anonymous.GetAsync($"/logos/{merchant.PublicId}");
        Assert.Equal("public, max-age=300", bare.Headers.CacheControl!.ToString());
        Assert.Equal(etag, bare.Headers.ETag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/logos/{merchant.PublicId}");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await anonymous.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public async Task AJpegOrWebpIsServedWithItsRealTypeWhateverTheUploadClaimed(string format)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var bytes = format == "jpeg" ? TestImages.Jpeg(16, 16) : TestImages.WebpLossy();

        using var uploaded = await UploadAsync(merchant, bytes, "logo.png", "image/png");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        using var served = await app.NewClient().GetAsync($"/logos/{merchant.PublicId}");
        Assert.Equal("image/" + format, served.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("svg", "logo_unsupported_type")]
    [InlineData("png-on-html", "logo_damaged")]
    [InlineData("gif", "logo_unsupported_type")]
    [InlineData("oversized", "logo_too_large")]
    public async Task ARefusedFileIsExplainedBesideTheFieldAndNothingIsStored(string kind, string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var bytes = kind switch
        {
            "svg" => TestImages.Svg(),
            "png-on-html" => TestImages.PngHeaderOnHtml(),
            "gif" => TestImages.Gif(),
            _ => TestImages.Png(2, 2, ("prVt", new byte[(1024 * 1024) + 1])),
        };

        using var uploaded = await UploadAsync(merchant, bytes, "logo.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var message = code switch
        {
            "logo_unsupported_type" => "must be a PNG, JPEG or WebP image",
            "logo_damaged" => "not a complete, valid one",
            _ => "at most 1 MB",
        };
        Assert.Matches($"data-valmsg-for=\"Logo\"[^>]*>[^<]*{Regex.Escape(message)}", await uploaded.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.MerchantLogos.AnyAsync(l => db.Users.Any(u => u.Id == l.MerchantId && u.PublicId == merchant.PublicId))));
        using var served = await app.NewClient().GetAsync($"/logos/{merchant.PublicId}");
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task AFileFarOverTheLimitIsRefusedWithoutStoringAnything()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var uploaded = await UploadAsync(merchant, TestImages.Png(2, 2, ("prVt", new byte[3 * 1024 * 1024])), "big.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Matches("data-valmsg-for=\"Logo\"[^>]*>The logo is 3,073 KB; it must be at most 1 MB", await uploaded.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.MerchantLogos.AnyAsync(l => db.Users.Any(u => u.Id == l.MerchantId && u.PublicId == merchant.PublicId))));
    }

    [Fact]
    public async Task RemovingTheLogoStopsServingItAndAnotherMerchantCannotRemoveIt()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        using (var uploaded = await UploadAsync(owner, TestImages.Png(), "a.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        // The other merchant's own form, with its own token: it removes its own (absent) logo, never the owner's.
        using (var theirs = await PageForms.PostWithTokenFromAsync(other.Api.Http, Page, Page + "?handler=RemoveLogo"))
        {
            Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        }

        using (var stillThere = await app.NewClient().GetAsync($"/logos/{owner.PublicId}"))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        using var removed = await PageForms.PostAsync(owner.Api.Http, Page, "handler=RemoveLogo");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("Logo removed.", await owner.Api.Http.GetStringAsync(Page));
        using var gone = await app.NewClient().GetAsync($"/logos/{owner.PublicId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(await LogoUrlOrNullAsync(owner));
    }

    [Fact]
    public async Task ASuspendedMerchantsLogoIsNotServed()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using (var uploaded = await UploadAsync(merchant, TestImages.Png(), "a.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, DateTimeOffset.UtcNow)));
        using var served = await app.NewClient().GetAsync($"/logos/{merchant.PublicId}");

        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task TheLogoAddressOfAnUnknownMerchantIsNotFound()
    {
        using var served = await app.NewClient().GetAsync("/logos/u_nobody" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    /// <summary>The upload form as a browser posts it: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(TestMerchant merchant, byte[] bytes, string fileName, string declaredType)
    {
        var page = await merchant.Api.Http.GetStringAsync(Page);
        var token = Token().Match(page);
        Assert.True(token.Success, "The page has no antiforgery token.");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" },
            { file, "Logo", fileName },
        };
        return await merchant.Api.Http.PostAsync(Page + "?handler=Logo", form);
    }

    private static async Task<string> LogoUrlAsync(TestMerchant merchant) =>
        await LogoUrlOrNullAsync(merchant) ?? throw new Xunit.Sdk.XunitException("No logo_url after the upload.");

    /// <summary>The logo's address as save_profile answers it (sending no field changes nothing).</summary>
    private static async Task<string?> LogoUrlOrNullAsync(TestMerchant merchant) =>
        (await merchant.Api.PostAsync("save_profile")).AssertOk().Data.GetProperty("profile").GetProperty("logo_url").GetString();

    private Task<Data.Entities.Merchant> StoredAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PublicId == merchant.PublicId));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteBusinessPageTests(SqliteApp app) : BusinessPageTests<SqliteApp>(app);

public sealed class PostgresBusinessPageTests(PostgresApp app) : BusinessPageTests<PostgresApp>(app);
