using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>The Billing page over real HTTP: its form posted with the antiforgery token, renewals paid through the simulator.</summary>
public abstract class BillingPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : BillingApp
{
    [Fact]
    public async Task TheBillingPageShowsTheTrialItsPlanDaysLeftAndDates()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var end = await app.ExpiresAtAsync(merchant);

        var page = await PageAsync(merchant, "/Billing");

        Assert.Contains(">Trial<", page);
        Assert.Contains("Standard: KES 1,000 for 30 days", page);
        Assert.Contains("class=\"days-left\">14<", page);
        Assert.Contains("Trial ends", page);
        Assert.Contains($"{Nairobi.Format(end)} (Nairobi time)", page);
        Assert.Contains(Nairobi.Format(end.AddDays(3)), page);
        Assert.Matches("name=\"PlanId\" value=\"plan_\\w+\" checked=\"checked\"", page);
        Assert.Contains("value=\"0712345678\"", page);
        Assert.Contains("No subscription payments yet.", page);
    }

    [Fact]
    public async Task AfterPayingThePageSaysCheckYourPhoneAndFollowsThePaymentsStatus()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var token = await RenewOnPageAsync(merchant, BillingApp.StaysPending);
        var page = await PageAsync(merchant, $"/Billing?payment={token}");

        Assert.Contains("Payment request sent", page);
        Assert.Contains("Check your phone", page);
        Assert.Contains($"data-poll=\"/pay/status/{token}?handler=Json\"", page);
        Assert.Contains("/js/pay-status.js", page);
        Assert.Contains($"<a href=\"/Billing?payment={token}\">Refresh</a>", page);
        Assert.Equal("pending", (await StatusAsync(merchant, token)).GetProperty("status").GetString());
        Assert.Contains(">Pending<", page);

        // Asking again for the same renewal while the phone still shows the first prompt is a form error.
        using var again = await FormPage.PostAsync(merchant.Api.Http, "/Billing", ("Phone", BillingApp.StaysPending));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("is already waiting for the customer", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await PaymentsAsync(merchant));
    }

    [Fact]
    public async Task RenewingEarlyOnThePageExtendsOnceFromTheCurrentEndEvenWithADuplicateCallback()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var trialEnd = await app.ExpiresAtAsync(merchant);

        var token = await RenewOnPageAsync(merchant, "0708000006");
        var outcome = await WaitForOutcomeAsync(merchant, token);
        await Task.Delay(1000); // the simulator's second, duplicate callback

        Assert.Equal("succeeded", outcome.GetProperty("status").GetString());
        var receipt = outcome.GetProperty("receipt").GetString()!;
        Assert.Equal(trialEnd.AddDays(30), await app.ExpiresAtAsync(merchant));
        var page = await PageAsync(merchant, $"/Billing?payment={token}");
        Assert.Contains("Payment received", page);
        Assert.Contains($"M-Pesa receipt: <strong>{receipt}</strong>", page);
        Assert.Contains($"Your subscription now runs until {Nairobi.Format(trialEnd.AddDays(30))}", page);
        Assert.Contains(">Active<", page);
        Assert.Contains($"<td>{receipt}</td>", page);
        Assert.Contains($"{Nairobi.Format(trialEnd)} – {Nairobi.Format(trialEnd.AddDays(30))}", page);
        Assert.Equal(1, await PaymentsAsync(merchant));
    }

    [Theory]
    [InlineData("0708000001", "cancelled")]
    [InlineData("0708000003", "failed")]
    public async Task ARenewalThatIsNotPaidLeavesTheSubscriptionAlone(string phone, string status)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var before = await app.ExpiresAtAsync(merchant);

        var token = await RenewOnPageAsync(merchant, phone);

        Assert.Equal(status, (await WaitForOutcomeAsync(merchant, token)).GetProperty("status").GetString());
        Assert.Equal(before, await app.ExpiresAtAsync(merchant));
        var page = await PageAsync(merchant, $"/Billing?payment={token}");
        Assert.Contains("Payment not completed", page);
        Assert.Contains("Your subscription is unchanged", page);
        Assert.Contains(">Trial<", page);
        Assert.DoesNotContain(" – ", page[page.IndexOf("Subscription payments", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AnExpiredMerchantKeepsTheDashboardAndRenewsOnTheBillingPageFromToday()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await app.SetExpiresAtAsync(merchant, app.Now.AddDays(-10));

        Assert.Contains("Your subscription has ended", await PageAsync(merchant, "/Dashboard"));
        var billing = await PageAsync(merchant, "/Billing");
        Assert.Contains(">Expired<", billing);
        Assert.Contains("the API and your payment links refuse payments", billing);
        Assert.Contains("class=\"days-left\">0<", billing);

        var token = await RenewOnPageAsync(merchant, TestPhones.Random());

        Assert.Equal("succeeded", (await WaitForOutcomeAsync(merchant, token)).GetProperty("status").GetString());
        Assert.InRange(await app.ExpiresAtAsync(merchant), app.Now.AddDays(30).AddMinutes(-2), app.Now.AddDays(30));
        Assert.Contains(">Active<", await PageAsync(merchant, "/Billing"));
    }

    [Fact]
    public async Task ChoosingAnotherPlanOnThePagePaysItsPriceAndMovesTheMerchantToIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var planId = "plan_" + Guid.NewGuid().ToString("N")[..10];
        await app.WithDbAsync(async db =>
        {
            db.Plans.Add(new Data.Entities.Plan { PublicId = planId, Name = "Quarter " + planId[^4..], Price = 2700, PeriodDays = 90, IsActive = true, CreatedAt = app.Now });
            return await db.SaveChangesAsync();
        });
        var trialEnd = await app.ExpiresAtAsync(merchant);
        Assert.Contains($"value=\"{planId}\"", await PageAsync(merchant, "/Billing"));

        var token = await RenewOnPageAsync(merchant, TestPhones.Random(), planId);

        Assert.Equal("succeeded", (await WaitForOutcomeAsync(merchant, token)).GetProperty("status").GetString());
        Assert.Equal(trialEnd.AddDays(90), await app.ExpiresAtAsync(merchant));
        var page = await PageAsync(merchant, "/Billing");
        Assert.Contains($"Quarter {planId[^4..]}: KES 2,700 for 90 days", page);
        Assert.Matches($"name=\"PlanId\" value=\"{planId}\" checked=\"checked\"", page);
    }

    [Fact]
    public async Task RenewalProblemsAreFormErrorsAndStartNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var badPhone = await PostRenewalAsync(merchant, ("Phone", "12345"));
        Assert.Contains("<span class=\"field-error field-validation-error\" data-valmsg-for=\"Phone\"", badPhone);
        Assert.Contains("Enter a Kenyan mobile number, such as 0712 345 678.", badPhone);
        Assert.Contains("value=\"12345\"", badPhone);

        var badPlan = await PostRenewalAsync(merchant, ("PlanId", "plan_nope"), ("Phone", TestPhones.Random()));
        Assert.Contains("No such plan on offer.", badPlan);

        await PlatformAccountDeletedAsync(true);
        try
        {
            var unavailable = await PostRenewalAsync(merchant, ("Phone", TestPhones.Random()));
            Assert.Contains("has not set up M-Pesa billing yet", unavailable);
        }
        finally
        {
            await PlatformAccountDeletedAsync(false);
        }

        Assert.Equal(0, await PaymentsAsync(merchant));
    }

    private async Task<string> PostRenewalAsync(TestMerchant merchant, params (string Name, string Value)[] fields)
    {
        using var response = await FormPage.PostAsync(merchant.Api.Http, "/Billing", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private Task<int> PlatformAccountDeletedAsync(bool deleted) =>
        app.WithDbAsync(db => db.PaymentAccounts.Where(a => a.MerchantId == Web.Features.Subscriptions.PlatformTenant.MerchantId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, deleted ? app.Now : null)));

    /// <summary>Pays on the page as a browser would; returns the status token the page redirects to.</summary>
    private static async Task<string> RenewOnPageAsync(TestMerchant merchant, string phone, string? planId = null)
    {
        (string, string)[] fields = planId is null ? [("Phone", phone)] : [("PlanId", planId), ("Phone", phone)];
        using var posted = await FormPage.PostAsync(merchant.Api.Http, "/Billing", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/Billing?payment=", location);
        return location["/Billing?payment=".Length..];
    }

    private static async Task<string> PageAsync(TestMerchant merchant, string path) =>
        WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync(path));

    /// <summary>What the page's script polls.</summary>
    private static async Task<JsonElement> StatusAsync(TestMerchant merchant, string token) =>
        JsonDocument.Parse(await merchant.Api.Http.GetStringAsync($"/pay/status/{token}?handler=Json")).RootElement.Clone();

    private static async Task<JsonElement> WaitForOutcomeAsync(TestMerchant merchant, string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var state = await StatusAsync(merchant, token);
            if (state.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(100);
        }
    }

    private Task<int> PaymentsAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.SubscriptionPayments.CountAsync(p => db.Users.Any(u => u.Id == p.MerchantId && u.PublicId == merchant.PublicId)));
}

public sealed class SqliteBillingPageTests(SqliteBillingApp app) : BillingPageTests<SqliteBillingApp>(app);

public sealed class PostgresBillingPageTests(PostgresBillingApp app) : BillingPageTests<PostgresBillingApp>(app);
