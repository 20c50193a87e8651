using System.Net;
using System.Text;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>
/// The dashboard's day totals, kept as payments settle, against the payments themselves. On a database of this
/// class's own: the backfill test rebuilds every merchant's totals, as the migration does.
/// </summary>
public abstract class DashboardTotalsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task EachSettledPaymentMovesItsDayTotalsExactlyOnceWhateverCallbacksFollow()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var paid = await PushAsync(merchant, TestPhones.Random(), 100, "succeeded");
        await PushAsync(merchant, "0708000002", 20, "failed");
        await PushAsync(merchant, "0708000001", 30, "cancelled");
        await PushAsync(merchant, "0708000006", 40, "succeeded");
        var late = await PushAsync(merchant, "0708000004", 50, "timeout");

        var receipt = "UKC" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        await PostSuccessAsync(late, "50", receipt);
        await PostSuccessAsync(late, "50", receipt);
        var paidReceipt = (await merchant.WaitForFinalAsync(paid)).GetProperty("receipt").GetString()!;
        await PostSuccessAsync(paid, "100", paidReceipt);

        var merchantId = await MerchantIdAsync(merchant);
        var today = Nairobi.Today(TimeProvider.System);
        Assert.Equal(
            [(today, "cancelled", 1, 30L), (today, "failed", 1, 20L), (today, "succeeded", 3, 190L), (today, "timeout", 0, 0L)],
            await TotalsAsync(merchantId));
        await AssertTotalsMatchThePaymentsAsync(merchantId);
    }

    [Fact]
    public async Task AfterTheBackfillAndLaterMovesTheDashboardShowsWhatItsPaymentsAddUpTo()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var merchantId = await MerchantIdAsync(merchant);
        var firstDay = Nairobi.Today(TimeProvider.System).AddDays(-(DashboardService.Days - 1));
        var start = Nairobi.StartOfDay(firstDay);
        var now = DateTimeOffset.UtcNow;
        // Both sides of the month's first Nairobi midnight and of other days' midnights, every state.
        var seeded = await SeedAsync(merchantId,
            (start.AddSeconds(-1), "succeeded", 1000), (start, "succeeded", 7), (start.AddDays(3).AddSeconds(-1), "failed", 9),
            (start.AddDays(3), "succeeded", 11), (start.AddDays(12).AddHours(20), "cancelled", 13), (now.AddDays(-6), "succeeded", 17),
            (now.AddDays(-6), "timeout", 19), (now.AddDays(-2), "unknown", 23), (now.AddDays(-2), "pending", 29),
            (now.AddHours(-1), "succeeded", 31), (now.AddMinutes(-5), "pending", 37), (now.AddMinutes(-4), "pending", 41),
            (now.AddMinutes(-3), "unknown", 43));
        await app.WithDbAsync(async db =>
        {
            await db.PaymentDayTotals.ExecuteDeleteAsync();
            return await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres
                ? Data.Migrations.Postgres.PaymentDayTotals.Backfill
                : Data.Migrations.Sqlite.PaymentDayTotals.Backfill);
        });
        await AssertTotalsMatchThePaymentsAsync(merchantId);

        await MoveAsync(seeded[8], new PaymentMove("succeeded", "0", Receipt: "UKB" + seeded[8]));
        await MoveAsync(seeded[7], new PaymentMove("failed", "1"));
        await MoveAsync(seeded[6], new PaymentMove("succeeded", "0", Receipt: "UKB" + seeded[6]) { ProvesPayment = true });
        await MoveAsync(seeded[10], PaymentMove.Unknown);
        await MoveAsync(seeded[11], new PaymentMove("cancelled", "1032"));

        await AssertTotalsMatchThePaymentsAsync(merchantId);
        var expected = await FromScratchAsync(merchantId);
        DashboardSummary shown;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            shown = await scope.ServiceProvider.GetRequiredService<DashboardService>().GetAsync(merchantId, CancellationToken.None);
        }

        Assert.Equal(expected.Counts.OrderBy(c => c.Key), shown.CountsByStatus.OrderBy(c => c.Key));
        Assert.Equal(expected.Daily, shown.Daily);
        Assert.Equal(expected.SuccessRate, shown.SuccessRate);
        Assert.Equal(expected.Daily[^1].Amount, shown.CollectedToday);
        Assert.Equal(expected.Daily.TakeLast(7).Sum(d => d.Amount), shown.Collected7Days);
        Assert.Equal(expected.Daily.Sum(d => d.Amount), shown.Collected30Days);
        Assert.Equal(7 + 11 + 17 + 19 + 29 + 31, shown.Collected30Days);

        var from = Nairobi.DayOf(start.AddDays(3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = Nairobi.DayOf(now.AddDays(-2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var filter in new TransactionFilter[]
        {
            new(), new(Status: "succeeded"), new(Status: "pending"), new(Status: "unknown"), new(From: from), new(To: to),
            new(Status: "failed", From: from, To: to), new(From: from, To: to), new(Reference: "seed"),
        })
        {
            await AssertPageTotalsAsync(merchantId, filter);
        }
    }

    [Fact]
    public async Task ConcurrentMovesOfOneMerchantSpreadOverTheSlotsAndStillAddUp()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var merchantId = await MerchantIdAsync(merchant);
        var now = DateTimeOffset.UtcNow;
        var seeded = await SeedAsync(merchantId, [.. Enumerable.Range(1, 2 * PaymentDayTotal.Slots).Select(i => (now.AddMinutes(-1), "pending", (long)i))]);

        // All at once, each in its own scope as concurrent callbacks are: one row per day and state made each wait for
        // the one before it to commit.
        await Task.WhenAll(seeded.Select((id, i) => MoveAsync(id, i % 5 == 0
            ? new PaymentMove("failed", "1")
            : new PaymentMove("succeeded", "0", Receipt: "UKS" + id))));

        await AssertTotalsMatchThePaymentsAsync(merchantId);
        var slots = await app.WithDbAsync(db => db.PaymentDayTotals
            .Where(d => d.MerchantId == merchantId && d.Status == "succeeded").Select(d => d.Slot).Distinct().CountAsync());
        var paidSlots = seeded.Where((_, i) => i % 5 != 0).Select(id => id % PaymentDayTotal.Slots).Distinct().Count();
        Assert.True(paidSlots > 1);
        Assert.Equal(paidSlots, slots);
    }

    /// <summary>The transactions page's totals line against the rows the filter keeps, counted one by one.</summary>
    private async Task AssertPageTotalsAsync(string merchantId, TransactionFilter filter)
    {
        var resolved = TransactionFilters.Resolve(filter).Value!;
        var rows = await app.WithDbAsync(db => TransactionFilters.Apply(db.Transactions.Where(t => t.MerchantId == merchantId), resolved)
            .Select(t => new { t.Status, t.Amount }).ToListAsync());
        TransactionBrowse browse;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            browse = await scope.ServiceProvider.GetRequiredService<TransactionListService>().BrowseAsync(merchantId, filter, null, CancellationToken.None);
        }

        Assert.Equal(new TransactionTotals(rows.Count, rows.Where(t => t.Status == "succeeded").Sum(t => t.Amount)), browse.Listing!.Totals);
    }

    /// <summary>The dashboard's figures as they were computed before the totals: from every payment of the month.</summary>
    private async Task<(Dictionary<string, int> Counts, List<DailyTotal> Daily, double? SuccessRate)> FromScratchAsync(string merchantId)
    {
        var rows = await app.WithDbAsync(db => db.Transactions.Where(t => t.MerchantId == merchantId)
            .Select(t => new { t.Status, t.CreatedAt, t.Amount }).ToListAsync());
        var today = Nairobi.Today(TimeProvider.System);
        var firstDay = today.AddDays(-(DashboardService.Days - 1));
        var recent = rows.Where(t => t.CreatedAt >= Nairobi.StartOfDay(firstDay)).ToList();
        var counts = recent.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count());
        var daily = Enumerable.Range(0, DashboardService.Days).Select(i => firstDay.AddDays(i)).Select(day =>
        {
            var paid = recent.Where(t => t.Status == "succeeded" && Nairobi.DayOf(t.CreatedAt) == day).ToList();
            return new DailyTotal(day, paid.Sum(t => t.Amount), paid.Count);
        }).ToList();
        var finished = recent.Count(t => t.Status != "pending");
        return (counts, daily, finished == 0 ? null : (double)counts.GetValueOrDefault("succeeded") / finished);
    }

    private async Task AssertTotalsMatchThePaymentsAsync(string merchantId)
    {
        var rows = await app.WithDbAsync(db => db.Transactions.Where(t => t.MerchantId == merchantId && t.Status != "pending")
            .Select(t => new { t.Status, t.CreatedAt, t.Amount }).ToListAsync());
        var expected = rows.GroupBy(t => (Day: Nairobi.DayOf(t.CreatedAt), t.Status))
            .Select(g => (g.Key.Day, g.Key.Status, g.Count(), g.Sum(t => t.Amount)))
            .OrderBy(t => t.Day).ThenBy(t => t.Status, StringComparer.Ordinal);
        Assert.Equal(expected, (await TotalsAsync(merchantId)).Where(t => t.Count != 0 || t.Amount != 0));
    }

    private Task<List<(DateOnly Day, string Status, int Count, long Amount)>> TotalsAsync(string merchantId) => app.WithDbAsync(async db =>
        (await db.PaymentDayTotals.Where(d => d.MerchantId == merchantId).ToListAsync())
            .GroupBy(d => (d.Day, d.Status)).Select(g => (g.Key.Day, g.Key.Status, g.Sum(d => d.Count), g.Sum(d => d.Amount)))
            .OrderBy(t => t.Day).ThenBy(t => t.Status, StringComparer.Ordinal).ToList());

    private async Task MoveAsync(long transactionId, PaymentMove move)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var moved = await scope.ServiceProvider.GetRequiredService<PaymentStateMachine>()
            .MoveAsync(transactionId, move, _ => Task.CompletedTask, CancellationToken.None);
        Assert.Equal(MoveResult.Moved, moved);
    }

    private static async Task<string> PushAsync(TestMerchant merchant, string phone, int amount, string outcome)
    {
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal(outcome, (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        return id;
    }

    private Task<string> MerchantIdAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync());

    /// <summary>Payments written straight to the table, as they stood before the totals existed; their ids in order.</summary>
    private Task<List<long>> SeedAsync(string merchantId, params (DateTimeOffset At, string Status, long Amount)[] payments) =>
        app.WithDbAsync(async db =>
        {
            var account = await db.PaymentAccounts.Where(a => a.MerchantId == merchantId).FirstAsync();
            var rows = payments.Select(p => new PaymentTransaction
            {
                MerchantId = merchantId,
                PublicId = "txn_seed" + Guid.NewGuid().ToString("N")[..20],
                PaymentAccountId = account.Id,
                PaymentId = account.PaymentId,
                Amount = p.Amount,
                Phone = "254712345678",
                Status = p.Status,
                CallbackToken = Guid.NewGuid().ToString("N"),
                StatusToken = Guid.NewGuid().ToString("N"),
                BusinessShortCode = account.Number,
                AccountReference = "Seed",
                // Pushes M-Pesa accepted: a pending one without a checkout id would be given up on after three minutes.
                CheckoutRequestId = "ws_CO_seed" + Guid.NewGuid().ToString("N")[..16],
                CreatedAt = p.At,
            }).ToList();
            db.AllTransactions.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });

    /// <summary>Posts a success callback to the transaction's own callback URL, as Daraja would.</summary>
    private async Task PostSuccessAsync(string transactionId, string amount, string receipt)
    {
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == transactionId));
        var body = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":AMOUNT},{"Name":"MpesaReceiptNumber","Value":"RECEIPT"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal).Replace("AMOUNT", amount, StringComparison.Ordinal)
            .Replace("RECEIPT", receipt, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }
}

public sealed class SqliteDashboardTotalsTests(SqliteTotalsApp app) : DashboardTotalsTests<SqliteTotalsApp>(app);

public sealed class PostgresDashboardTotalsTests(PostgresTotalsApp app) : DashboardTotalsTests<PostgresTotalsApp>(app);

/// <summary>
/// The portal with a reconciliation horizon longer than the month the tests seed: pending payments days old stay
/// pending until a test moves them, instead of being given up as unknown by the reconciler in the middle of a count.
/// </summary>
public class TotalsApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Reconcile:HorizonMinutes"] = (60 * 24 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqliteTotalsApp() : TotalsApp(DatabaseProvider.Sqlite);

public sealed class PostgresTotalsApp() : TotalsApp(DatabaseProvider.Postgres);
