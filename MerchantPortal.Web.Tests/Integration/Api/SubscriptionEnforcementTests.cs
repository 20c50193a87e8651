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
}

public sealed class SqliteSubscriptionEnforcementTests(SqliteBillingApp app) : SubscriptionEnforcementTests<SqliteBillingApp>(app);

public sealed class PostgresSubscriptionEnforcementTests(PostgresBillingApp app) : SubscriptionEnforcementTests<PostgresBillingApp>(app);
