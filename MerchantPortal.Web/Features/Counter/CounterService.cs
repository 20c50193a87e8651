using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Counter;

/// <summary>
/// What the counter shows besides the push itself (which is api_stk's path: <see cref="PaymentService.StartStkAsync"/>):
/// the payment just asked for, followed live, and the payments this person took today (Nairobi's day).
/// </summary>
public sealed class CounterService(PortalDbContext db, TimeProvider time)
{
    public const int TodayLimit = 200;

    /// <summary>The payment the counter follows, by its status token, only within this business.</summary>
    public async Task<TransactionDto?> FollowAsync(string merchantId, string? statusToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(statusToken) || statusToken.Length > 64)
        {
            return null;
        }

        var row = await db.Transactions.AsNoTracking()
            .SingleOrDefaultAsync(t => t.MerchantId == merchantId && t.StatusToken == statusToken, cancellationToken);
        return row is null ? null : TransactionQueryService.ToDto(row);
    }

    /// <summary>The payments this person asked for today, newest first.</summary>
    public async Task<IReadOnlyList<TransactionDto>> TodayAsync(string merchantId, string personId, CancellationToken cancellationToken)
    {
        var since = Nairobi.StartOfDay(Nairobi.Today(time));
        var rows = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == merchantId && t.InitiatedById == personId && t.CreatedAt >= since)
            .OrderByDescending(t => t.Id).Take(TodayLimit).ToListAsync(cancellationToken);
        return [.. rows.Select(TransactionQueryService.ToDto)];
    }
}
