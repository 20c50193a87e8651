using MerchantPortal.Web.Data;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>
/// Every <c>Mpesa:PullIntervalMinutes</c> (15 by default), pulls each account that has Pull Transactions switched on
/// and registered, so that a payment from the M-Pesa menu whose confirmation never came is recorded anyway. Several
/// instances may run it at once without a lease: a receipt is recorded once (the unique index on receipts decides),
/// so a double pull only asks Daraja twice, and the checked-until time never moves back.
/// </summary>
public sealed class PullTransactionsWorker(
    IServiceScopeFactory scopes,
    IOptionsMonitor<MpesaOptions> options,
    TimeProvider time,
    ILogger<PullTransactionsWorker> logger) : PollingWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0.01, options.CurrentValue.PullIntervalMinutes));

    public override Task RunOnceAsync(CancellationToken cancellationToken) => PullAllAsync(cancellationToken);

    /// <summary>One pass; returns how many accounts were pulled (completely or not).</summary>
    public async Task<int> PullAllAsync(CancellationToken cancellationToken)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PaymentAccounts.AsNoTracking()
                .Where(a => a.DeletedAt == null && a.PullEnabled && a.PullRegistrationOk)
                .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            // A scope per account: one account's fault (or a long list of rows) never holds up the others.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                var account = await db.PaymentAccounts.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
                var outcome = await scope.ServiceProvider.GetRequiredService<PullTransactionsPuller>().PullAsync(account, cancellationToken);
                if (outcome.Added > 0)
                {
                    logger.LogWarning("Pull Transactions recovered {Added} payments of account {AccountId} whose confirmations never came", outcome.Added, id);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Pull Transactions for account {AccountId} failed", id);
            }
        }

        return due.Count;
    }
}
