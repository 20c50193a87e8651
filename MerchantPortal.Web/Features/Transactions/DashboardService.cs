using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

public sealed record DailyTotal(DateOnly Day, long Amount, int Count);

public sealed record DashboardSummary(
    long CollectedToday,
    long Collected7Days,
    long Collected30Days,
    double? SuccessRate,
    IReadOnlyDictionary<string, int> CountsByStatus,
    IReadOnlyList<DailyTotal> Daily,
    IReadOnlyList<TransactionRow> Latest,
    bool HasPaymentAccount,
    bool HasLinks,
    bool HasApiKeys,
    IReadOnlyList<string> DisabledWebhooks);

/// <summary>The merchant's home figures, in Nairobi calendar days.</summary>
public sealed class DashboardService(PortalDbContext db, TimeProvider time)
{
    public const int Days = 30;

    public async Task<DashboardSummary> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var today = Nairobi.Today(time);
        var firstDay = today.AddDays(-(Days - 1));
        // The month from the totals kept as payments settle (summed over their slots: at most 30 days × 5 states); pending payments are
        // counted live, as they have no total, through the merchant-and-status index (they are few).
        var totals = await db.PaymentDayTotals.AsNoTracking().Where(d => d.MerchantId == merchantId && d.Day >= firstDay)
            .GroupBy(d => new { d.Day, d.Status })
            .Select(g => new { g.Key.Day, g.Key.Status, Count = g.Sum(d => d.Count), Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        var since = Nairobi.StartOfDay(firstDay);
        var pending = await db.Transactions.CountAsync(
            t => t.MerchantId == merchantId && t.Status == TransactionStatuses.Pending && t.CreatedAt >= since, cancellationToken);

        var counts = totals.GroupBy(d => d.Status).Select(g => (Status: g.Key, Count: g.Sum(d => d.Count)))
            .Append((Status: TransactionStatuses.Pending, Count: pending))
            .Where(c => c.Count > 0).ToDictionary(c => c.Status, c => c.Count);
        var byDay = totals.Where(d => d.Status == TransactionStatuses.Succeeded).ToDictionary(d => d.Day);
        var daily = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i))
            .Select(day => byDay.TryGetValue(day, out var total) ? new DailyTotal(day, total.Amount, total.Count) : new DailyTotal(day, 0, 0))
            .ToList();

        var latest = await TransactionRows.NewestFirst(db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchantId), db)
            .Take(8).ToListAsync(cancellationToken);

        var finished = counts.Where(c => c.Key != TransactionStatuses.Pending).Sum(c => c.Value);
        counts.TryGetValue(TransactionStatuses.Succeeded, out var succeeded);
        return new DashboardSummary(
            daily.Where(d => d.Day == today).Sum(d => d.Amount),
            daily.Where(d => d.Day > today.AddDays(-7)).Sum(d => d.Amount),
            daily.Sum(d => d.Amount),
            finished == 0 ? null : (double)succeeded / finished,
            counts,
            daily,
            [.. latest.Select(TransactionRows.ToRow)],
            await db.PaymentAccounts.AnyAsync(a => a.MerchantId == merchantId && a.DeletedAt == null, cancellationToken),
            await db.PaymentLinks.AnyAsync(l => l.MerchantId == merchantId && l.DeletedAt == null, cancellationToken),
            await db.ApiKeys.AnyAsync(k => k.MerchantId == merchantId && k.RevokedAt == null, cancellationToken),
            await db.WebhookEndpoints.Where(w => w.MerchantId == merchantId && !w.Enabled && w.FailingSince != null)
                .Select(w => w.Url).ToListAsync(cancellationToken));
    }
}
