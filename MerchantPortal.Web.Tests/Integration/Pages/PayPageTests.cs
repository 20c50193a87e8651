using System.Net;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class PayPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ACustomerPaysOnThePageAndSeesTheReceipt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var url = (await merchant.Api.PostAsync("create_link", ("title", "Lunch"), ("amount", "450"))).AssertOk().Body.GetProperty("public_url").GetString()!;
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, url, ("Phone", TestPhones.Random()));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var status = posted.Headers.Location!.ToString();
        Assert.StartsWith("/pay/status/", status);
        Assert.DoesNotContain("txn_", status);
        var page = "";
        for (var i = 0; i < 100 && !page.Contains("Payment received"); i++)
        {
            await Task.Delay(100);
            page = await http.GetStringAsync(status);
        }

        Assert.Contains("Payment received", page);
        Assert.Contains("KES 450", page);
        var receipt = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0].GetProperty("receipt").GetString();
        Assert.Contains(receipt!, page);
    }

    [Fact]
    public async Task APendingPaymentSaysCheckYourPhoneAndRefreshesItself()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tip"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        // 0708000005 never gets a callback, so the payment stays pending until the reconciler asks.
        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", "0708000005"), ("Amount", "20"));
        var page = await http.GetStringAsync(posted.Headers.Location);

        Assert.Contains("Check your phone", page);
        Assert.Contains("http-equiv=\"refresh\"", page);
        Assert.Contains("pay-status.js", page);
        var state = await http.GetStringAsync(posted.Headers.Location + "?handler=Json");
        Assert.Contains("\"status\":\"pending\"", state);
        Assert.DoesNotContain("txn_", state);
        using var unknown = await http.GetAsync("/pay/status/not-a-token?handler=Json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AWrongPhoneIsShownNextToTheFieldAndNothingIsCharged()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tip"), ("min", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", "12345"), ("Amount", "5"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Enter your Safaricom number, such as 0712 345 678.", page);
        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tip"), ("amount", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        using var posted = await http.PostAsync($"/pay/{lid}", new FormUrlEncodedContent([new("Phone", TestPhones.Random())]));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task AnExpiredMerchantsPayPageSaysItCannotTakePaymentsAndOffersNoForm()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "30"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, DateTimeOffset.UtcNow.AddDays(-30))));
        using var http = app.NewClient();

        var page = await http.GetStringAsync($"/pay/{lid}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/index.php?action=paylink&uid={merchant.PublicId}&lid={lid}");
        request.Headers.Accept.ParseAdd("application/json");
        var json = (await merchant.Api.SendAsync(request)).AssertOk();

        Assert.Contains(SubscriptionGate.ClosedForCustomers, page);
        Assert.DoesNotContain("Pay with M-Pesa", page);
        Assert.False(json.Data.GetProperty("link").GetProperty("merchant_can_take_payments").GetBoolean());
        Assert.True(json.Data.GetProperty("link").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task TheSimulatedModeIsSaidPlainlyOnThePage()
    {
        using var http = app.NewClient();
        Assert.Contains("M-Pesa is simulated", await http.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("0733123456", true)]
    [InlineData("0100123456", true)]
    [InlineData("0712123456", false)]
    [InlineData("0110123456", false)]
    public async Task APhoneOutsideSafaricomsRangesIsWarnedAboutButStillPushed(string phone, bool warned)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Tip"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", phone), ("Amount", $"{Random.Shared.Next(20, 900)}"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync(posted.Headers.Location));
        Assert.Equal(warned, page.Contains("does not look like a Safaricom line", StringComparison.Ordinal));
        Assert.Equal(1, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task ALinkTitleIsSentAsAnAccountReferenceDarajaTakes()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Café & Co: Shoes/Bags!"), ("amount", "75")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;
        using var http = app.NewClient();

        (await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", TestPhones.Random()))).Dispose();

        var sent = await app.WithDbAsync(db => db.Transactions.AsNoTracking()
            .Where(t => t.LinkPublicId == lid).Select(t => t.AccountReference).SingleAsync());
        Assert.Equal("Caf Co Shoes", sent);
    }
}

public sealed class SqlitePayPageTests(SqliteApp app) : PayPageTests<SqliteApp>(app);

public sealed class PostgresPayPageTests(PostgresApp app) : PayPageTests<PostgresApp>(app);
