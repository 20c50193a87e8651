using System.Linq.Expressions;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Callbacks go missing (reference §7.3): every push still pending after a while is settled by STK query.
/// State lives in the database (NextCheckAt), so a restart loses nothing; applying a result is the same
/// state machine's move the callback uses, so a query racing a callback cannot settle a payment twice.
/// </summary>
public sealed class PendingPaymentReconciler(
    IServiceScopeFactory scopes,
    IOptionsMonitor<MpesaOptions> options,
    TimeProvider time,
    ILogger<PendingPaymentReconciler> logger) : PollingWorker(time, logger)
{
    private const int BatchSize = 50;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.1, options.CurrentValue.Reconcile.PollSeconds));

    public override Task RunOnceAsync(CancellationToken cancellationToken) => ReconcileAsync(cancellationToken);

    /// <summary>
    /// A pending push whose STK query is due now: M-Pesa accepted it (it has a checkout id to ask about) and it is
    /// within the horizon. Also the admin health's and the metrics' reconciler backlog.
    /// </summary>
    public static Expression<Func<PaymentTransaction, bool>> Due(DateTimeOffset now, double horizonMinutes)
    {
        var horizon = now.AddMinutes(-horizonMinutes);
        return t => t.Status == TransactionStatuses.Pending && t.NextCheckAt != null && t.NextCheckAt <= now
            && t.CheckoutRequestId != null && t.CreatedAt >= horizon;
    }

    /// <summary>One pass over the due pending transactions; returns how many were queried.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Reconcile;
        var now = Time.GetUtcNow();
        var horizon = now.AddMinutes(-settings.HorizonMinutes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var due = await db.AllTransactions.AsNoTracking()
            .Where(Due(now, settings.HorizonMinutes))
            .OrderBy(t => t.NextCheckAt)
            .Take(BatchSize)
            .Select(t => new { t.Id, t.PublicId, t.MerchantId, t.CheckoutRequestId, t.BusinessShortCode, t.PaymentAccountId, t.QueryCount, t.NextCheckAt, t.Livemode })
            .ToListAsync(cancellationToken);

        var daraja = scope.ServiceProvider.GetRequiredService<DarajaClient>();
        var credentials = scope.ServiceProvider.GetRequiredService<DarajaCredentialsProvider>();
        var outcomes = scope.ServiceProvider.GetRequiredService<TransactionOutcomeService>();
        var journal = scope.ServiceProvider.GetRequiredService<TransactionJournal>();
        foreach (var row in due)
        {
            var account = await db.PaymentAccounts.AsNoTracking().SingleAsync(a => a.Id == row.PaymentAccountId, cancellationToken);
            // Scheduled before asking, so a row that cannot be asked never holds up the rows behind it.
            // Back off while Daraja keeps saying "being processed": 1, 2, 4, then 8 times the retry delay.
            // The update is also the lease: it only matches while NextCheckAt is what this instance read, so when
            // several instances share the database exactly one of them claims each due check.
            var next = Time.GetUtcNow().AddSeconds(settings.RetrySeconds * Math.Pow(2, Math.Min(row.QueryCount, 3)));
            var claimed = await db.AllTransactions.Where(t => t.Id == row.Id && t.NextCheckAt == row.NextCheckAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.NextCheckAt, next)
                    .SetProperty(t => t.QueryCount, t => t.QueryCount + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            using var activity = PortalTelemetry.Source.StartActivity("reconcile.stk_query");
            activity?.SetTag(PortalTelemetry.TransactionIdTag, row.PublicId);

            // A test payment is asked of the simulator that took it.
            if (!credentials.TryFor(account, row.Livemode, out var app))
            {
                logger.LogWarning("STK query for {TransactionId} skipped: the account's saved Daraja credentials cannot be decrypted", row.PublicId);
                continue;
            }

            var answer = await daraja.StkQueryAsync(app, row.BusinessShortCode, row.CheckoutRequestId!, cancellationToken);

            if (answer is { Succeeded: true, Value: { IsPending: false } result })
            {
                // The query's timeline entry is written with the move it causes.
                var applied = await outcomes.ApplyQueryAsync(row.Id,
                    new StkOutcome(row.CheckoutRequestId!, null, result.ResultCode!, result.ResultDesc, null, null),
                    a => journal.QueryAsync(row.Id, row.MerchantId, answer, a), cancellationToken);
                logger.LogInformation("Reconciled {TransactionId} by STK query: {ResultCode} ({Applied})", row.PublicId, result.ResultCode, applied);
                continue;
            }

            if (!answer.Succeeded)
            {
                logger.LogWarning("STK query for {TransactionId} failed: {Code} {Message}", row.PublicId, answer.Failure!.Code, answer.Failure.Message);
            }

            await journal.QueryAsync(row.Id, row.MerchantId, answer, null);
        }

        // Never before a push still in flight could have stored its checkout id.
        var unanswered = Math.Min(Math.Max(settings.UnansweredPushMinutes, options.CurrentValue.LongestPush.TotalMinutes), settings.HorizonMinutes);
        await GiveUpAsync(db, scope.ServiceProvider.GetRequiredService<PaymentStateMachine>(), journal, horizon, settings.HorizonMinutes,
            now.AddMinutes(-unanswered), unanswered, cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// Past the horizon with no answer from M-Pesa, a payment's outcome is recorded as unknown; so is, sooner, a push
    /// with no checkout id to ask about (<see cref="ReconcileOptions.UnansweredPushMinutes"/>).
    /// </summary>
    private async Task GiveUpAsync(
        PortalDbContext db, PaymentStateMachine states, TransactionJournal journal, DateTimeOffset horizon, double minutes,
        DateTimeOffset unansweredBefore, double unansweredMinutes, CancellationToken cancellationToken)
    {
        var stale = await db.AllTransactions.AsNoTracking()
            .Where(t => t.Status == TransactionStatuses.Pending
                && (t.CreatedAt < horizon || (t.CheckoutRequestId == null && t.CreatedAt < unansweredBefore)))
            .OrderBy(t => t.Id).Take(BatchSize)
            .Select(t => new { t.Id, t.PublicId, t.MerchantId, t.CreatedAt })
            .ToListAsync(cancellationToken);
        foreach (var row in stale)
        {
            var waited = row.CreatedAt < horizon ? minutes : unansweredMinutes;
            var moved = await states.MoveAsync(row.Id, PaymentMove.Unknown,
                r => r == MoveResult.Moved ? journal.GaveUpAsync(row.Id, row.MerchantId, waited) : Task.CompletedTask, cancellationToken);
            if (moved == MoveResult.Moved)
            {
                logger.LogWarning("No answer from M-Pesa for {TransactionId} within the horizon: unknown", row.PublicId);
            }
        }
    }
}
