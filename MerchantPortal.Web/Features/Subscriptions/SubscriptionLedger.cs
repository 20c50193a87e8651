using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// Extends a subscription when its payment succeeds. A move handler: it runs inside the database transaction of the
/// payment's move to succeeded, which happens once, so a duplicate callback or a late query can never extend twice.
/// </summary>
public sealed class SubscriptionLedger(
    PortalDbContext db,
    TimeProvider time,
    IOptionsMonitor<AppOptions> app,
    ILogger<SubscriptionLedger> logger) : IPaymentMoveHandler
{
    public Task OnMovedAsync(PaymentMoved moved, CancellationToken cancellationToken) =>
        moved.To == TransactionStatuses.Succeeded && moved.MerchantId == PlatformTenant.MerchantId
            ? OnSucceededAsync(moved.TransactionId, cancellationToken)
            : Task.CompletedTask;

    private async Task OnSucceededAsync(long transactionId, CancellationToken cancellationToken)
    {
        var payment = await db.SubscriptionPayments.AsNoTracking().SingleOrDefaultAsync(p => p.TransactionId == transactionId, cancellationToken);
        if (payment is null)
        {
            logger.LogError("ALERT: platform payment {TransactionId} has no subscription attached", transactionId);
            return;
        }

        // Compare-and-swap on the end date: two renewals settling at once both count, one after the other.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await db.Users.AsNoTracking().Where(u => u.Id == payment.MerchantId)
                .Select(u => new { u.SubscriptionExpiresAt }).SingleAsync(cancellationToken);
            var (start, end) = SubscriptionRules.Renewal(current.SubscriptionExpiresAt, time.GetUtcNow(), app.CurrentValue.GraceDays, payment.PeriodDays);
            var changed = await db.Users
                .Where(u => u.Id == payment.MerchantId && u.SubscriptionExpiresAt == current.SubscriptionExpiresAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.SubscriptionStatus, SubscriptionStatuses.Active)
                    .SetProperty(u => u.SubscriptionExpiresAt, end)
                    .SetProperty(u => u.PlanId, payment.PlanId)
                    // Identity saves whole user rows: a new concurrency stamp makes a stale save (loaded before this
                    // renewal, e.g. a failed sign-in counting) fail instead of writing the old end date back.
                    .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
            if (changed == 1)
            {
                await db.SubscriptionPayments.Where(p => p.TransactionId == transactionId).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.PeriodStart, start)
                    .SetProperty(p => p.PeriodEnd, end), cancellationToken);
                logger.LogInformation("Subscription of {MerchantId} extended to {End:u} by payment {TransactionId}", payment.MerchantId, end, transactionId);
                return;
            }
        }

        throw new InvalidOperationException($"The subscription paid by transaction {transactionId} could not be extended.");
    }
}
