using System.Net;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Integration.Api;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>"Pay from the menu instead" takes the pay page's push allowance: a phone cannot fill the table with intents.</summary>
public sealed class MenuIntentRateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task APhoneBeyondThePayPagesLimitRecordsNoMoreIntents()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", "5123456");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Chai"), ("amount", "150"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var phone = TestPhones.Random();
        Phones.TryNormalize(phone, out var msisdn);
        using var http = app.NewClient();

        var pages = new List<string>();
        // The three must fall in one minute's allowance.
        await RateWindow.StartWithSecondsLeftAsync(15);
        for (var i = 0; i < 3; i++)
        {
            using var posted = await PageForms.PostAsync(http, $"/pay/{lid}", "handler=Menu", ("Phone", phone));
            pages.Add(WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));
        }

        Assert.All(pages.Take(2), p => Assert.Contains("Now pay from your M-Pesa menu", p));
        Assert.DoesNotContain("Now pay from your M-Pesa menu", pages[2]);
        Assert.Contains("Too many payment attempts", pages[2]);
        Assert.Equal(2, await app.WithDbAsync(db => db.MenuPaymentIntents.CountAsync(i => i.Phone == msisdn)));
    }
}
