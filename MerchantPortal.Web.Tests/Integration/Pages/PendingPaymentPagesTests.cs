using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>Payments stay pending: the simulated customer never answers and the reconciler waits an hour.</summary>
public class SlowSettlementApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "3600",
        ["Mpesa:Simulator:LockSubscriber"] = "false",
        ["Mpesa:Reconcile:AfterSeconds"] = "3600",
    };
}

public sealed class SqliteSlowSettlementApp() : SlowSettlementApp(DatabaseProvider.Sqlite);

public sealed class PostgresSlowSettlementApp() : SlowSettlementApp(DatabaseProvider.Postgres);

public abstract class PendingPaymentPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnAccountWithAPendingPaymentCannotBeDeleted()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        await merchant.AddAccountAsync("paybill", "654321");
        // 0708000005 never gets a callback; with the reconciler an hour away the payment stays pending.
        var started = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "10"))).AssertOk();

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts", "handler=Delete&id=1");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var list = await merchant.Api.Http.GetStringAsync("/PaymentAccounts");
        Assert.Contains("Error: Payment account #00001 has 1 pending payment.", list);
        Assert.Contains("123456", list);
        var account = await app.WithDbAsync(db => db.PaymentAccounts.AsNoTracking()
            .SingleAsync(a => a.Number == "123456" && db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == merchant.PublicId)));
        Assert.Null(account.DeletedAt);
        Assert.True(account.IsPrimary);
        var transaction = (await merchant.Api.GetAsync("transaction", ("transaction_id", started.Data.GetProperty("transaction_id").GetString()!)))
            .AssertOk().Data.GetProperty("transaction");
        Assert.Equal(("pending", "#00001"), (transaction.GetProperty("status").GetString(), transaction.GetProperty("payment_id").GetString()));
    }

    [Fact]
    public async Task AnAccountWhosePaymentsHaveSettledCanBeDeletedAndItsHistoryStays()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var started = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var id = started.Data.GetProperty("transaction_id").GetString()!;
        await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, "succeeded")));

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts", "handler=Delete&id=1");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Payment account #00001 deleted.", await merchant.Api.Http.GetStringAsync("/PaymentAccounts"));
        var transaction = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("#00001", transaction.GetProperty("payment_id").GetString());
    }
}

public sealed class SqlitePendingPaymentPagesTests(SqliteSlowSettlementApp app) : PendingPaymentPagesTests<SqliteSlowSettlementApp>(app);

public sealed class PostgresPendingPaymentPagesTests(PostgresSlowSettlementApp app) : PendingPaymentPagesTests<PostgresSlowSettlementApp>(app);
