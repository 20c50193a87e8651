using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The subscription state machine over real HTTP, on the app's test clock (sessions do not survive day jumps: API keys do).</summary>
public abstract class SubscriptionActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedApp
{
    private static readonly TimeSpan Trial = TimeSpan.FromDays(14);

    [Fact]
    public async Task PlansArePublicAndOfferTheConfiguredDefaultPlan()
    {
        var plans = (await app.NewApi().GetAsync("plans")).AssertOk().Data.GetProperty("plans");

        var plan = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Standard");
        Assert.StartsWith("plan_", plan.GetProperty("id").GetString());
        Assert.Equal(1000, plan.GetProperty("price").GetInt64());
        Assert.Equal(30, plan.GetProperty("period_days").GetInt32());
    }

    [Fact]
    public async Task MeShowsTheTrialItsEndAndThePlan()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var subscription = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("subscription");

        Assert.Equal("trial", subscription.GetProperty("status").GetString());
        Assert.InRange(subscription.GetProperty("expires_at").GetInt64(),
            (app.Now + Trial).ToUnixTimeSeconds() - 60, (app.Now + Trial).ToUnixTimeSeconds() + 1);
        Assert.Equal("Standard", subscription.GetProperty("plan").GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheTrialTurnsPastDueThenExpiredWithTheClockAndPaymentsStopOnlyWhenExpired()
    {
        var (merchant, key) = await NewMerchantAsync();

        app.Advance(Trial + TimeSpan.FromHours(1));
        Assert.Equal("past_due", await StatusAsync(key));
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();

        app.Advance(TimeSpan.FromDays(3));
        Assert.Equal("expired", await StatusAsync(key));
        var refused = (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        Assert.Contains("Renew", refused.Message);
        var link = await CreateLinkAsync(key);
        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", link), ("phone", TestPhones.Random()), ("amount", "50")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId))));
    }

    [Fact]
    public async Task AnEarlyRenewalExtendsFromTheTrialEndOnceEvenWithADuplicateCallback()
    {
        var (merchant, key) = await NewMerchantAsync();
        var trialEnd = await ExpiresAtAsync(key);
        var stamp = await ConcurrencyStampAsync(merchant);

        var started = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", "0708000006"))).AssertOk();
        Assert.Equal("pending", started.Data.GetProperty("status").GetString());
        var paid = await WaitForRenewalAsync(key);
        await Task.Delay(1000); // the simulator's second, duplicate callback

        Assert.Equal("succeeded", paid.GetProperty("status").GetString());
        Assert.Matches("^[A-Z0-9]{10}$", paid.GetProperty("receipt").GetString());
        Assert.Equal(1000, paid.GetProperty("amount").GetInt64());
        var overview = await OverviewAsync(key);
        Assert.Equal("active", overview.GetProperty("status").GetString());
        Assert.Equal(trialEnd + (long)TimeSpan.FromDays(30).TotalSeconds, overview.GetProperty("expires_at").GetInt64());
        Assert.Equal(trialEnd, overview.GetProperty("history")[0].GetProperty("period_start").GetInt64());
        // Identity's whole-row saves loaded before the renewal must fail rather than write the old end date back.
        Assert.NotEqual(stamp, await ConcurrencyStampAsync(merchant));
        // The money went to the operator's tenant, never into the merchant's own transactions.
        Assert.Equal(0, (await app.NewApi().GetAsync("transactions", ("api_key", key))).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Theory]
    [InlineData("0708000001", "cancelled")]
    [InlineData("0708000003", "failed")]
    public async Task ARenewalThatIsNotPaidLeavesTheSubscriptionAlone(string phone, string status)
    {
        var (_, key) = await NewMerchantAsync();
        var before = await ExpiresAtAsync(key);

        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", phone))).AssertOk();
        var payment = await WaitForRenewalAsync(key);

        Assert.Equal(status, payment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("period_end").ValueKind);
        Assert.Equal(before, await ExpiresAtAsync(key));
        Assert.Equal("trial", await StatusAsync(key));
    }

    [Fact]
    public async Task AnExpiredMerchantThatRenewsCanTakePaymentsAgainFromToday()
    {
        var (_, key) = await NewMerchantAsync();
        app.Advance(TimeSpan.FromDays(20));
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");

        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random()))).AssertOk();
        Assert.Equal("succeeded", (await WaitForRenewalAsync(key)).GetProperty("status").GetString());

        Assert.Equal("active", await StatusAsync(key));
        Assert.InRange(await ExpiresAtAsync(key), (app.Now + TimeSpan.FromDays(30)).ToUnixTimeSeconds() - 120, (app.Now + TimeSpan.FromDays(30)).ToUnixTimeSeconds());
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
    }

    [Fact]
    public async Task RenewingWithAnotherPlanMovesTheMerchantToIt()
    {
        var (_, key) = await NewMerchantAsync();
        var planId = "plan_" + Guid.NewGuid().ToString("N")[..10];
        await app.WithDbAsync(async db =>
        {
            db.Plans.Add(new Data.Entities.Plan { PublicId = planId, Name = "Yearly", Price = 9000, PeriodDays = 365, IsActive = true, CreatedAt = app.Now });
            return await db.SaveChangesAsync();
        });
        var trialEnd = await ExpiresAtAsync(key);

        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("plan_id", planId), ("phone", TestPhones.Random()))).AssertOk();
        var payment = await WaitForRenewalAsync(key);

        Assert.Equal(9000, payment.GetProperty("amount").GetInt64());
        var overview = await OverviewAsync(key);
        Assert.Equal(planId, overview.GetProperty("plan").GetProperty("id").GetString());
        Assert.Equal(trialEnd + (long)TimeSpan.FromDays(365).TotalSeconds, overview.GetProperty("expires_at").GetInt64());
    }

    [Fact]
    public async Task RenewalRefusesAnUnknownPlanAndAMissingPhone()
    {
        var (_, key) = await NewMerchantAsync();

        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("plan_id", "plan_nope"), ("phone", TestPhones.Random())))
            .AssertError(HttpStatusCode.NotFound, "plan_not_found");
        var invalid = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key))).AssertError(HttpStatusCode.BadRequest, "invalid_phone");
        Assert.True(invalid.Body.GetProperty("errors").TryGetProperty("phone", out _));
        (await app.NewApi().PostAsync("renew_subscription", ("phone", TestPhones.Random()))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        Assert.Empty((await OverviewAsync(key)).GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task ARetriedRenewalWithAnIdempotencyKeyPushesOnceAndADifferentOneOnTheSameKeyIsRefused()
    {
        var (_, key) = await NewMerchantAsync();
        var phone = TestPhones.Random();

        var first = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", phone), ("idempotency_key", "renew-1"))).AssertOk();
        var again = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", phone), ("idempotency_key", "renew-1"))).AssertOk();
        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random()), ("idempotency_key", "renew-1")))
            .AssertError(HttpStatusCode.Conflict, "idempotency_key_reused");

        Assert.Equal(first.Data.GetProperty("transaction_id").GetString(), again.Data.GetProperty("transaction_id").GetString());
        await WaitForRenewalAsync(key);
        Assert.Single((await OverviewAsync(key)).GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task ASuspendedMerchantIsRefusedSignInApiKeysAndPayments()
    {
        var (merchant, key) = await NewMerchantAsync();
        var link = await CreateLinkAsync(key);
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, app.Now).SetProperty(u => u.SuspendedReason, "Unpaid invoice")));

        (await app.NewApi().GetAsync("me", ("api_key", key))).AssertError(HttpStatusCode.Forbidden, "merchant_suspended");
        var login = (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password)))
            .AssertError(HttpStatusCode.Forbidden, "merchant_suspended");
        Assert.Contains("suspended", login.Message);
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", "wrong-password")))
            .AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", link), ("phone", TestPhones.Random()), ("amount", "50")))
            .AssertError(HttpStatusCode.PaymentRequired, "merchant_suspended");
    }

    [Fact]
    public async Task ASessionEndsOnceItsMerchantIsSuspendedEvenWithAnUnchangedSecurityStamp()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using (var open = await merchant.Api.Http.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        // A refreshed sign-in (after a password change, say) carries the current stamp: the suspension itself must end it.
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, app.Now)));
        app.Advance(TimeSpan.FromMinutes(2));

        using var after = await merchant.Api.Http.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Identity/Account/Login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task NobodySignsInAsThePlatformTenant() =>
        Assert.False((await app.NewApi().PostAsync("login", ("user", "~platform"), ("password", "anything"))).Ok);

    private async Task<(TestMerchant Merchant, string Key)> NewMerchantAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        return (merchant, await merchant.GenerateKeyAsync());
    }

    private Task<string?> ConcurrencyStampAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.ConcurrencyStamp).SingleAsync());

    private async Task<string> CreateLinkAsync(string key) =>
        (await app.NewApi().PostAsync("create_link", ("api_key", key), ("title", "Cake"), ("amount", "50")))
            .AssertOk().Data.GetProperty("link_id").GetString()!;

    private async Task<JsonElement> OverviewAsync(string key) =>
        (await app.NewApi().GetAsync("subscription", ("api_key", key))).AssertOk().Data;

    private async Task<string> StatusAsync(string key) => (await OverviewAsync(key)).GetProperty("status").GetString()!;

    private async Task<long> ExpiresAtAsync(string key) => (await OverviewAsync(key)).GetProperty("expires_at").GetInt64();

    private async Task<JsonElement> WaitForRenewalAsync(string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var payment = (await OverviewAsync(key)).GetProperty("history")[0];
            if (payment.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return payment;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteSubscriptionActionsTests(SqliteClockedApp app) : SubscriptionActionsTests<SqliteClockedApp>(app);

public sealed class PostgresSubscriptionActionsTests(PostgresClockedApp app) : SubscriptionActionsTests<PostgresClockedApp>(app);
