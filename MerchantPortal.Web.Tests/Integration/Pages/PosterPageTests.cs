using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class PosterPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ThePosterShowsTitleAmountAndAQrCodeOfTheShortPayUrl()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = await CreateLinkAsync(merchant, ("title", "Lunch special"), ("amount", "450"));
        using var http = app.NewClient();

        using var response = await http.GetAsync($"/pay/{lid}/poster");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Lunch special", page);
        Assert.Contains("KES 450", page);
        Assert.Contains(merchant.Username, page);
        Assert.Matches("<img class=\"qr\" src=\"data:image/png;base64,", page);
        Assert.Contains($"{app.BaseUri.ToString().TrimEnd('/')}/pay/{lid}", page);
        Assert.Contains("Scan to pay with M-Pesa", page);
        Assert.Contains("data-print", page);
    }

    [Fact]
    public async Task AFlexibleLinksPosterShowsTheRange()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = await CreateLinkAsync(merchant, ("title", "Donations"), ("min", "100"), ("max", "5000"));
        using var http = app.NewClient();

        var page = await http.GetStringAsync($"/pay/{lid}/poster");

        Assert.Contains("Any amount from KES 100 to KES 5,000", page);
    }

    [Fact]
    public async Task UnknownAndDeletedLinksGetAFriendlyNotFound()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = await CreateLinkAsync(merchant, ("title", "Gone soon"));
        await app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == lid)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.DeletedAt, DateTimeOffset.UtcNow)));
        using var http = app.NewClient();

        foreach (var id in new[] { "link_doesnotexist", lid })
        {
            using var response = await http.GetAsync($"/pay/{id}/poster");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("Payment link not found", page);
            Assert.DoesNotContain("Gone soon", page);
        }
    }

    [Fact]
    public async Task WhatTheMerchantTypedIsEncoded()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = await CreateLinkAsync(merchant, ("title", "<script>alert(1)</script>"), ("amount", "10"));
        using var http = app.NewClient();

        var page = await http.GetStringAsync($"/pay/{lid}/poster");

        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
    }

    [Fact]
    public async Task TheLinksDetailsPageLinksToThePosterAndThePayPageDoesNot()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var lid = await CreateLinkAsync(merchant, ("title", "Tea"), ("amount", "50"));
        using var http = app.NewClient();

        Assert.Contains($"href=\"/pay/{lid}/poster\"", await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        Assert.DoesNotContain("/poster", await http.GetStringAsync($"/pay/{lid}"));
    }

    private static async Task<string> CreateLinkAsync(TestMerchant merchant, params (string, string?)[] fields) =>
        (await merchant.Api.PostAsync("create_link", fields)).AssertOk().Data.GetProperty("link_id").GetString()!;
}

public sealed class SqlitePosterPageTests(SqliteApp app) : PosterPageTests<SqliteApp>(app);

public sealed class PostgresPosterPageTests(PostgresApp app) : PosterPageTests<PostgresApp>(app);
