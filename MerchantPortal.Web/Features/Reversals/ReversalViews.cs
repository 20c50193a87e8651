using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>The <c>reversal</c> object of transactions as the API, the pages and the webhook events show it.</summary>
public static class ReversalViews
{
    /// <summary>Each payment's latest reversal (the one under way or done, else the last that failed), by payment row id.</summary>
    public static async Task<IReadOnlyDictionary<long, (PaymentReversal Row, ReversalDto Dto)>> ForAsync(
        PortalDbContext db, IReadOnlyCollection<long> transactionIds, CancellationToken cancellationToken)
    {
        if (transactionIds.Count == 0)
        {
            return new Dictionary<long, (PaymentReversal, ReversalDto)>();
        }

        var rows = await (from r in db.Reversals.AsNoTracking()
                          join asker in db.Users on r.RequestedById equals asker.Id
                          join approver in db.Users on r.ApprovedById equals approver.Id into approvers
                          from approver in approvers.DefaultIfEmpty()
                          where transactionIds.Contains(r.TransactionId)
                          orderby r.Id
                          select new { Row = r, RequestedBy = asker.UserName, ApprovedBy = approver == null ? null : approver.UserName })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Row.TransactionId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.LastOrDefault(r => r.Row.Status != ReversalStatuses.Failed) ?? g.Last();
            return (latest.Row, ToDto(latest.Row, latest.RequestedBy ?? "", latest.ApprovedBy));
        });
    }

    /// <summary>The transactions with their reversal filled in where they have one.</summary>
    public static async Task<IReadOnlyList<TransactionDto>> WithReversalsAsync(
        PortalDbContext db, IReadOnlyList<(long Id, TransactionDto Dto)> transactions, CancellationToken cancellationToken)
    {
        // Only a payment that was paid can have one: most lists ask nothing.
        var candidates = transactions.Where(t => t.Dto.Status is TransactionStatuses.Succeeded or TransactionStatuses.Reversed).Select(t => t.Id).ToList();
        var reversals = await ForAsync(db, candidates, cancellationToken);
        return [.. transactions.Select(t => reversals.TryGetValue(t.Id, out var r) ? t.Dto with { Reversal = r.Dto } : t.Dto)];
    }

    private static ReversalDto ToDto(PaymentReversal r, string requestedBy, string? approvedBy) => new(
        r.PublicId,
        r.Status == ReversalStatuses.AwaitingApproval ? ReversalStatuses.Pending : r.Status,
        r.Status == ReversalStatuses.AwaitingApproval,
        requestedBy,
        approvedBy,
        r.Reason,
        r.ResultCode,
        r.ResultDesc,
        r.RequestedAt.ToUnixTimeSeconds(),
        r.CompletedAt?.ToUnixTimeSeconds());
}
