using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>Finding merchants, extending subscriptions and changing plans from the admin pages, each change audited.</summary>
public abstract class AdminMerchantTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedApp
{
    [Fact]
    public async Task SearchFindsAMerchantByEachOfItsFields()
    {
        var phone = TestPhones.Random();
        var merchant = await TestMerchant.RegisterAsync(app, phone);
        var till = Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await merchant.AddAccountAsync("till", till);
        await merchant.GenerateKeyAsync();
        var started = (await app.NewApi().PostAsync("api_stk", ("api_key", merchant.ApiKey), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var payment = await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!);
        var admin = await TestAdmin.CreateAsync(app);

        string[] terms =
        [
            merchant.Username[1..9].ToUpperInvariant(), merchant.Email, "+254 " + phone[1..], merchant.PublicId, till, "#00001",
            payment.GetProperty("id").GetString()!, payment.GetProperty("receipt").GetString()!.ToLowerInvariant(),
        ];
        foreach (var term in terms)
        {
            var page = await admin.Api.Http.GetStringAsync("/Admin/Merchants?q=" + Uri.EscapeDataString(term));
            Assert.True(page.Contains(merchant.PublicId, StringComparison.Ordinal), $"Searching '{term}' did not find the merchant.");
        }

        Assert.DoesNotContain(merchant.PublicId, await admin.Api.Http.GetStringAsync("/Admin/Merchants?q=no-such-merchant-anywhere"));
        Assert.Contains(merchant.PublicId, await admin.Api.Http.GetStringAsync($"/Admin/Merchants?q={merchant.Username}&status=trial"));
        Assert.DoesNotContain(merchant.PublicId, await admin.Api.Http.GetStringAsync($"/Admin/Merchants?q={merchant.Username}&status=expired"));
        Assert.DoesNotContain("~platform", await admin.Api.Http.GetStringAsync("/Admin/Merchants"));
    }

    [Fact]
    public async Task SearchFindsAMerchantByItsSubscriptionPaymentsReceipt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random()))).AssertOk();
        var receipt = await WaitForSubscriptionReceiptAsync(key);
        var admin = await TestAdmin.CreateAsync(app);

        Assert.Contains(merchant.PublicId, await admin.Api.Http.GetStringAsync("/Admin/Merchants?q=" + receipt));
    }

    [Theory]
    [InlineData("/Admin/Merchants")]
    [InlineData("/Admin/Audit")]
    public async Task ListsPageForwardAndAbsurdPagesAreNotErrors(string path)
    {
        var admin = await TestAdmin.CreateAsync(app);

        var second = await admin.Api.Http.GetStringAsync(path + "?p=2");
        Assert.Contains($"href=\"{path}?p=1\"", second);
        using var far = await admin.Api.Http.GetAsync(path + "?p=2147483647");
        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
    }

    [Fact]
    public async Task ExtendingATrialAddsDaysToItsEndKeepsItATrialAndIsAudited()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        var before = await MerchantAsync(merchant);

        using var posted = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Extend", ("Days", "10"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Subscription extended to", await admin.Api.Http.GetStringAsync(posted.Headers.Location));
        var after = await MerchantAsync(merchant);
        Assert.Equal(before.SubscriptionExpiresAt.AddDays(10), after.SubscriptionExpiresAt);
        Assert.Equal(SubscriptionStatuses.Trial, after.SubscriptionStatus);
        var entry = Assert.Single(await AuditOfAsync(merchant));
        Assert.Equal(("subscription.extend", admin.Username), (entry.Action, entry.ActorName));
        Assert.Contains("\"status\":\"trial\"", entry.Before);
        Assert.Contains("\"days\":10", entry.After);
        Assert.Contains(after.SubscriptionExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), entry.After);
        Assert.Contains("subscription.extend", await admin.Api.Http.GetStringAsync("/Admin/Audit?target=" + merchant.PublicId));
    }

    [Fact]
    public async Task ExtendingAnExpiredSubscriptionCountsFromNowAndLetsTheMerchantTakePaymentsAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, app.Now.AddDays(-20))));
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        var admin = await TestAdmin.CreateAsync(app);

        using var posted = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Extend", ("Days", "5"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var expires = (await MerchantAsync(merchant)).SubscriptionExpiresAt;
        Assert.InRange(expires, app.Now.AddDays(5).AddMinutes(-2), app.Now.AddDays(5));
        var subscription = (await app.NewApi().GetAsync("subscription", ("api_key", key))).AssertOk().Data;
        Assert.Equal("trial", subscription.GetProperty("status").GetString());
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        Assert.Contains("\"status\":\"expired\"", Assert.Single(await AuditOfAsync(merchant)).Before);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("ten")]
    [InlineData("")]
    public async Task ExtendRefusesAnythingButOneToThreeThousandSixHundredFiftyDaysAndChangesNothing(string days)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        var before = await MerchantAsync(merchant);

        using var posted = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Extend", ("Days", days));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Enter the number of days: a whole number from 1 to 3650", await posted.Content.ReadAsStringAsync());
        Assert.Equal(before.SubscriptionExpiresAt, (await MerchantAsync(merchant)).SubscriptionExpiresAt);
        Assert.Empty(await AuditOfAsync(merchant));
    }

    [Fact]
    public async Task ChangingThePlanMovesTheMerchantToItForTheNextRenewalAndIsAudited()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        var planId = "plan_" + Guid.NewGuid().ToString("N")[..10];
        await app.WithDbAsync(async db =>
        {
            db.Plans.Add(new Plan { PublicId = planId, Name = "Quarterly", Price = 2700, PeriodDays = 90, IsActive = true, CreatedAt = app.Now });
            return await db.SaveChangesAsync();
        });
        var expires = (await MerchantAsync(merchant)).SubscriptionExpiresAt;

        using var posted = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=ChangePlan", ("PlanId", planId));
        using var again = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=ChangePlan", ("PlanId", planId));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var plan = (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("plan");
        Assert.Equal((planId, 2700), (plan.GetProperty("id").GetString(), plan.GetProperty("price").GetInt32()));
        Assert.Equal(expires, (await MerchantAsync(merchant)).SubscriptionExpiresAt);
        Assert.Contains("is already on Quarterly", await again.Content.ReadAsStringAsync());
        var entry = Assert.Single(await AuditOfAsync(merchant));
        Assert.Equal("subscription.change_plan", entry.Action);
        Assert.Contains("default plan", entry.Before);
        Assert.Contains(planId, entry.After);
    }

    [Fact]
    public async Task AnUnknownMerchantOrThePlatformTenantIsNotFound()
    {
        var admin = await TestAdmin.CreateAsync(app);

        using var unknown = await admin.Api.Http.GetAsync("/Admin/Merchants/Details/u_nobody");
        using var platform = await admin.Api.Http.GetAsync("/Admin/Merchants/Details/u_platform");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, platform.StatusCode));
    }

    private static string DetailsOf(TestMerchant merchant) => TestAdmin.DetailsOf(merchant);

    private Task<Merchant> MerchantAsync(TestMerchant merchant) => app.MerchantRowAsync(merchant);

    private Task<List<AuditEntry>> AuditOfAsync(TestMerchant merchant) => app.AuditOfAsync(merchant.PublicId);

    private async Task<string> WaitForSubscriptionReceiptAsync(string key)
    {
        for (var i = 0; i < 150; i++)
        {
            var payment = (await app.NewApi().GetAsync("subscription", ("api_key", key))).AssertOk().Data.GetProperty("history")[0];
            if (payment.GetProperty("status").GetString() == "succeeded")
            {
                return payment.GetProperty("receipt").GetString()!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The renewal was not paid.");
    }
}

public sealed class SqliteAdminMerchantTests(SqliteClockedApp app) : AdminMerchantTests<SqliteClockedApp>(app);

public sealed class PostgresAdminMerchantTests(PostgresClockedApp app) : AdminMerchantTests<PostgresClockedApp>(app);
