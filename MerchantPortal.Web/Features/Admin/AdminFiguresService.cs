using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>
/// The platform's figures, aggregated in SQL. Merchants' money excludes the operator's own tenant; subscription
/// revenue is exactly that tenant's succeeded payments.
/// </summary>
public sealed class AdminFiguresService(PortalDbContext db, TimeProvider time, IOptionsMonitor<AppOptions> app)
{
    public const int Days = 30;
    public const int FailureDays = 7;

    public async Task<AdminFigures> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var byState = await db.Users.AsNoTracking().Where(u => !u.IsPlatform && !u.MemberOnly)
            .GroupBy(SubscriptionRules.StatusExpression(now, app.CurrentValue.GraceDays))
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var states = SubscriptionStatuses.All.ToDictionary(s => s, s => byState.GetValueOrDefault(s));

        var daily = await DailyAsync(cancellationToken);
        var since = now.AddDays(-Days);
        var revenue = db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == PlatformTenant.MerchantId && t.Status == TransactionStatuses.Succeeded);
        var allTime = await TotalsAsync(revenue, cancellationToken);
        var recent = await TotalsAsync(revenue.Where(t => t.CreatedAt >= since), cancellationToken);
        var (finished, failures) = await FailuresAsync(now.AddDays(-FailureDays), cancellationToken);
        return new AdminFigures(states, daily, daily.Sum(d => d.Amount), recent.Sum, recent.Count, allTime.Sum, allTime.Count,
            finished, failures);
    }

    /// <summary>Money merchants collected per Nairobi day over the last <see cref="Days"/> days, today last.</summary>
    private async Task<IReadOnlyList<DailyTotal>> DailyAsync(CancellationToken cancellationToken)
    {
        var firstDay = Nairobi.Today(time).AddDays(-(Days - 1));
        // From the totals kept as payments settle: a few rows per merchant and day, not every payment of the month.
        var rows = await db.PaymentDayTotals.AsNoTracking()
            .Where(d => d.MerchantId != PlatformTenant.MerchantId && d.Status == TransactionStatuses.Succeeded && d.Day >= firstDay)
            .GroupBy(d => d.Day)
            .Select(g => new { Day = g.Key, Amount = g.Sum(d => d.Amount), Count = g.Sum(d => d.Count) })
            .ToDictionaryAsync(r => r.Day, cancellationToken);
        return [.. Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i)).Select(day => rows.TryGetValue(day, out var r)
            ? new DailyTotal(day, r.Amount, r.Count)
            : new DailyTotal(day, 0, 0))];
    }

    private static async Task<(long Sum, int Count)> TotalsAsync(IQueryable<PaymentTransaction> paid, CancellationToken cancellationToken)
    {
        var row = await paid.GroupBy(t => t.MerchantId).Select(g => new { Sum = g.Sum(t => t.Amount), Count = g.Count() })
            .SingleOrDefaultAsync(cancellationToken);
        return (row?.Sum ?? 0, row?.Count ?? 0);
    }

    /// <summary>
    /// Finished pushes by Daraja's result code, the failures' share of them: a jump in one code (1037, the customer's phone
    /// not reached; 500.001.1001, "unable to lock subscriber") is the first sign of trouble at Daraja's end.
    /// </summary>
    private async Task<(int Finished, IReadOnlyList<ResultCodeRate> Failures)> FailuresAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var codes = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId != PlatformTenant.MerchantId && t.CreatedAt >= since && t.Status != TransactionStatuses.Pending)
            .GroupBy(t => t.ResultCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var finished = codes.Sum(c => c.Count);
        var failures = codes.Where(c => c.Code != ResultCodes.Success).OrderByDescending(c => c.Count).ThenBy(c => c.Code)
            .Select(c => new ResultCodeRate(c.Code, ResultCodes.Explain(c.Code ?? "unknown"), c.Count, (double)c.Count / finished))
            .ToList();
        return (finished, failures);
    }
}
