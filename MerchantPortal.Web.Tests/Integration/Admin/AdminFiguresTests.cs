using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>
/// The platform figures on a database of their own (this class's fixture, one test), so the totals are known
/// exactly: every merchant and payment here is made by the test.
/// </summary>
public abstract class AdminFiguresTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheFiguresCountMerchantsByStateMoneyRevenueAndFailuresButNeverThePlatform()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var payer = await TestMerchant.RegisterAsync(app);
        await payer.AddAccountAsync();
        await payer.GenerateKeyAsync();
        foreach (var (phone, amount) in new[] { (TestPhones.Random(), "100"), ("0708000006", "50"), ("0708000002", "70"), ("0708000001", "80"), ("0708000003", "90") })
        {
            var started = (await app.NewApi().PostAsync("api_stk", ("api_key", payer.ApiKey), ("phone", phone), ("amount", amount))).AssertOk();
            Assert.NotEqual("pending", (await payer.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!)).GetProperty("status").GetString());
        }

        var active = await TestMerchant.RegisterAsync(app);
        await RenewAsync(active, TestPhones.Random(), "succeeded");
        await RenewAsync(active, "0708000002", "failed");
        var pastDue = await TestMerchant.RegisterAsync(app);
        await SetAsync(pastDue, s => s.SetProperty(u => u.SubscriptionExpiresAt, DateTimeOffset.UtcNow.AddDays(-1)));
        var expired = await TestMerchant.RegisterAsync(app);
        await SetAsync(expired, s => s.SetProperty(u => u.SubscriptionExpiresAt, DateTimeOffset.UtcNow.AddDays(-10)));
        var suspended = await TestMerchant.RegisterAsync(app);
        await SetAsync(suspended, s => s.SetProperty(u => u.SuspendedAt, DateTimeOffset.UtcNow).SetProperty(u => u.SuspendedReason, "Test"));

        AdminFigures figures;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            figures = await scope.ServiceProvider.GetRequiredService<AdminFiguresService>().GetAsync(CancellationToken.None);
        }

        Assert.Equal(new Dictionary<string, int> { ["trial"] = 2, ["active"] = 1, ["past_due"] = 1, ["expired"] = 1, ["suspended"] = 1 },
            figures.MerchantsByState);
        Assert.Equal(150, figures.Collected30Days);
        Assert.Equal(30, figures.CollectedDaily.Count);
        var paidDays = await app.WithDbAsync(db => db.Transactions.Where(t => t.Status == "succeeded" && t.MerchantId != "platform")
            .Select(t => t.CreatedAt).ToListAsync());
        Assert.All(paidDays, at => Assert.Contains(figures.CollectedDaily, d => d.Day == Nairobi.DayOf(at) && d.Amount > 0));
        Assert.Equal(2, figures.CollectedDaily.Sum(d => d.Count));
        Assert.Equal((1000, 1, 1000, 1), (figures.SubscriptionRevenue30Days, figures.SubscriptionPayments30Days,
            figures.SubscriptionRevenueAllTime, figures.SubscriptionPaymentsAllTime));
        Assert.Equal(5, figures.FinishedPushes7Days);
        Assert.Equal(["1", "1032", "2001"], figures.Failures7Days.Select(f => f.Code));
        Assert.All(figures.Failures7Days, f => Assert.Equal((1, 0.2), (f.Count, f.Rate)));

        var page = await admin.Api.Http.GetStringAsync("/Admin");
        Assert.Contains("KES 150", page);
        Assert.Contains("KES 1,000", page);
        Assert.Contains("<code>1032</code>", page);
        Assert.Contains("20%", page);
    }

    private async Task RenewAsync(TestMerchant merchant, string phone, string outcome)
    {
        (await merchant.Api.PostAsync("renew_subscription", ("phone", phone))).AssertOk();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? status;
        do
        {
            await Task.Delay(100);
            status = (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("history")[0].GetProperty("status").GetString();
        }
        while (status == "pending" && DateTime.UtcNow < deadline);

        Assert.Equal(outcome, status);
    }

    private Task<int> SetAsync(TestMerchant merchant, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Data.Entities.Merchant>> set) =>
        app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).ExecuteUpdateAsync(set));
}

public sealed class SqliteAdminFiguresTests(SqliteApp app) : AdminFiguresTests<SqliteApp>(app);

public sealed class PostgresAdminFiguresTests(PostgresApp app) : AdminFiguresTests<PostgresApp>(app);
