using System.Net;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>Every way money can start moving, for a merchant whose subscription is past due, expired or suspended.</summary>
public abstract class SubscriptionEnforcementTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : BillingApp
{
    [Fact]
    public async Task AnExpiredMerchantIsRefusedOnEveryPaymentPathButCanStillRenew()
    {
        var (merchant, key, lid) = await MerchantWithLinkAsync();
        await app.SetExpiresAtAsync(merchant, app.Now.AddDays(-10));

        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"), ("idempotency_key", "order-1")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "50")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        var payPage = await PayOnPageAsync(lid);
        Assert.Contains(SubscriptionGate.ClosedForCustomers, payPage);
        Assert.DoesNotContain("Billing", payPage);
        Assert.Equal(0, await TransactionsAsync(merchant));

        (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", TestPhones.Random()))).AssertOk();
    }

    [Fact]
    public async Task AnExpiredMerchantCanStillBuildInTestMode()
    {
        var (merchant, key, lid) = await MerchantWithLinkAsync();
        var test = await merchant.GenerateTestKeyAsync();
        await app.SetExpiresAtAsync(merchant, app.Now.AddDays(-10));

        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.PaymentRequired, "subscription_expired");
        var started = (await app.NewApi().PostAsync("api_stk", ("api_key", test), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        Assert.False((await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!, apiKey: test))
            .GetProperty("livemode").GetBoolean());

        // Its link is closed to customers, but its own merchant can still try it in test mode.
        Assert.Contains("test-mode-notice", await merchant.Api.Http.GetStringAsync($"/pay/{lid}?mode=test"));
        using var tried = await FormPage.PostAsync(merchant.Api.Http, $"/pay/{lid}?mode=test", ("Phone", TestPhones.Random()));
        Assert.Equal(HttpStatusCode.Redirect, tried.StatusCode);
        Assert.Equal(2, await TransactionsAsync(merchant, livemode: false));
        Assert.Equal(0, await TransactionsAsync(merchant, livemode: true));
    }

    [Fact]
    public async Task APastDueMerchantStillTakesPaymentsEverywhereAndIsWarned()
    {
        var (merchant, key, lid) = await MerchantWithLinkAsync();
        await app.SetExpiresAtAsync(merchant, app.Now.AddDays(-1));

        (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "50"))).AssertOk();
        using var http = app.NewClient();
        using var posted = await FormPage.PostAsync(http, $"/pay/{lid}", ("Phone", TestPhones.Random()));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        Assert.Equal(3, await TransactionsAsync(merchant));
        Assert.Equal("past_due", (await app.NewApi().GetAsync("subscription", ("api_key", key))).AssertOk().Data.GetProperty("status").GetString());
        Assert.Contains("Payments stop on", await merchant.Api.Http.GetStringAsync("/Dashboard"));
    }

    [Fact]
    public async Task ASuspendedMerchantsPayPageIsClosedToCustomers()
    {
        var (merchant, _, lid) = await MerchantWithLinkAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, app.Now)));

        Assert.Contains(SubscriptionGate.ClosedForCustomers, await PayOnPageAsync(lid));
        Assert.Equal(0, await TransactionsAsync(merchant));
    }

    private async Task<(TestMerchant Merchant, string Key, string LinkId)> MerchantWithLinkAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Cake"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        return (merchant, key, lid);
    }

    /// <summary>The pay page a customer opens: closed, with no form to pay through.</summary>
    private async Task<string> PayOnPageAsync(string lid)
    {
        using var http = app.NewClient();
        var page = WebUtility.HtmlDecode(await http.GetStringAsync($"/pay/{lid}"));
        Assert.DoesNotContain("method=\"post\"", page);
        return page;
    }

    private Task<int> TransactionsAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Transactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId)));

    private Task<int> TransactionsAsync(TestMerchant merchant, bool livemode) =>
        app.WithDbAsync(db => db.Transactions.CountAsync(t => t.Livemode == livemode
            && db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId)));
}

public sealed class SqliteSubscriptionEnforcementTests(SqliteBillingApp app) : SubscriptionEnforcementTests<SqliteBillingApp>(app);

public sealed class PostgresSubscriptionEnforcementTests(PostgresBillingApp app) : SubscriptionEnforcementTests<PostgresBillingApp>(app);
