using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// "Collect a total" links: whether a payment that now pays a link is the one that completes it. Asked inside the
/// database transaction that makes the payment succeed (or attributes it to the link), so the link's
/// <see cref="PaymentLink.PaidAt"/> and the <c>link.paid</c> event commit with the payment, and only once.
/// </summary>
public sealed class LinkCollections(PortalDbContext db, TimeProvider time)
{

    /// <summary>
    /// True when a succeeded payment of this link sends <c>link.paid</c>: always for a plain link (each payment pays
    /// it), and for a collect-a-total link only for the payment that first brings its succeeded sum to the total.
    /// A link is shared by both modes but only live money fills a total, whichever mode the request is in: a test
    /// payment never completes one.
    /// </summary>
    public async Task<bool> CompletesAsync(long linkId, bool livemode, CancellationToken cancellationToken)
    {
        var link = await db.PaymentLinks.AsNoTracking().Where(l => l.Id == linkId)
            .Select(l => new { l.CollectTotal, l.PaidAt }).SingleOrDefaultAsync(cancellationToken);
        if (link?.CollectTotal is null)
        {
            return link is not null;
        }

        if (!livemode)
        {
            return false;
        }

        if (link.PaidAt is not null)
        {
            return false;
        }

        // Two payments finishing together: each alone may fall short of the total while both together reach it. The
        // first statement locks the link's row until this transaction ends, so the second payment's sum, read by a
        // later statement, sees the first one committed (READ COMMITTED takes a new snapshot per statement; SQLite
        // has one writer at a time anyway).
        await db.PaymentLinks.Where(l => l.Id == linkId).ExecuteUpdateAsync(s => s.SetProperty(l => l.PaidAt, l => l.PaidAt), cancellationToken);
        var now = time.GetUtcNow();
        var changed = await db.PaymentLinks
            .Where(l => l.Id == linkId && l.PaidAt == null && l.CollectTotal != null
                && db.AllTransactions.Where(t => t.PaymentLinkId == linkId && t.Livemode && t.Status == TransactionStatuses.Succeeded).Sum(t => t.Amount) >= l.CollectTotal)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.PaidAt, now), cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// A merchant changes a link's total: paid in full or not is decided again from what it has collected (no event:
    /// nothing was paid just now). The caller saves the link.
    /// </summary>
    public async Task SetTotalAsync(PaymentLink link, long? total, CancellationToken cancellationToken)
    {
        if (link.CollectTotal == total)
        {
            return;
        }

        link.CollectTotal = total;
        if (total is null)
        {
            link.PaidAt = null;
            return;
        }

        // Live money only, whichever mode the merchant is looking at.
        var collected = await db.AllTransactions
            .Where(t => t.PaymentLinkId == link.Id && t.Livemode && t.Status == TransactionStatuses.Succeeded).SumAsync(t => t.Amount, cancellationToken);
        link.PaidAt = collected >= total ? link.PaidAt ?? time.GetUtcNow() : null;
    }
}
