using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>What the admin area says about the portal's health (issue 15), for both modes' work.</summary>
/// <param name="LastCallbackAt">The newest Daraja callback received (callbacks arriving).</param>
/// <param name="LastTokenAt">When the newest Daraja access token was fetched (Daraja reachable), from its expiry.</param>
/// <param name="ReconcilerBacklog">Pending payments whose STK query is due now.</param>
/// <param name="WebhookBacklog">Webhook deliveries waiting to be sent.</param>
/// <param name="OldestWebhookDueAt">The longest-waiting delivery's due time.</param>
public sealed record AdminHealth(
    DateTimeOffset? LastCallbackAt,
    DateTimeOffset? LastTokenAt,
    int ReconcilerBacklog,
    int WebhookBacklog,
    DateTimeOffset? OldestWebhookDueAt,
    string? LastMigration,
    int PendingMigrations);

public sealed class AdminHealthService(PortalDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<Mpesa.MpesaOptions> mpesa)
{
    /// <summary>Daraja's access tokens live an hour: one stored with its expiry tells when it was fetched.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public async Task<AdminHealth> GetAsync(CancellationToken cancellationToken)
    {
        // Newest first by key: the first callback entry is near the end of the table, so this reads a few rows.
        var lastCallback = await db.TransactionEvents.AsNoTracking().Where(e => e.Kind == TransactionEventKinds.Callback)
            .OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(cancellationToken);
        var tokenExpiries = await db.DarajaTokens.AsNoTracking().Where(t => t.TokenProtected != null)
            .Select(t => t.ExpiresAt).ToListAsync(cancellationToken);
        var (backlog, webhooks, oldest) = await GetBacklogAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        // Pending = known minus applied, without reading the history table a second time.
        var pending = db.Database.GetMigrations().Except(applied).Count();
        return new AdminHealth(lastCallback, tokenExpiries.Count == 0 ? null : tokenExpiries.Max() - TokenLifetime,
            backlog, webhooks, oldest, applied.LastOrDefault(), pending);
    }

    /// <summary>
    /// The work waiting (also the metrics' <c>portal_reconciler_pending</c> and <c>portal_webhook_outbox_lag_seconds</c>):
    /// pending payments whose STK query is due now, webhook deliveries waiting, and the longest-waiting one's due time.
    /// </summary>
    public async Task<(int ReconcilerBacklog, int WebhookBacklog, DateTimeOffset? OldestWebhookDueAt)> GetBacklogAsync(CancellationToken cancellationToken)
    {
        var backlog = await db.AllTransactions.CountAsync(
            Mpesa.PendingPaymentReconciler.Due(time.GetUtcNow(), mpesa.CurrentValue.Reconcile.HorizonMinutes), cancellationToken);
        var pendingDeliveries = db.AllWebhookDeliveries.Where(d => d.Status == "pending");
        var webhooks = await pendingDeliveries.CountAsync(cancellationToken);
        var oldest = webhooks == 0 ? null
            : await pendingDeliveries.OrderBy(d => d.NextAttemptAt).Select(d => (DateTimeOffset?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        return (backlog, webhooks, oldest);
    }
}
