using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>
/// Sees every approved reversal to a result. One never sent (its instance stopped between the approval and the call)
/// is sent after a minute; one M-Pesa gave no result for in <see cref="Unanswered"/> (a lost callback, no clear answer,
/// a queue timeout) is asked again, up to <see cref="MaxAttempts"/> requests in all, which is safe because M-Pesa
/// reverses a receipt once and answers a repeat "already reversed". After the last, it is flagged for a person to
/// check in the organisation portal. Each send is claimed by a conditional update, so instances never send one twice.
/// </summary>
public sealed class ReversalResender(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReversalResender> logger)
    : PollingWorker(time, logger)
{
    public static readonly TimeSpan Unsent = TimeSpan.FromMinutes(1);

    /// <summary>How long a sent reversal may go without M-Pesa's result before it is asked again (results come in seconds).</summary>
    public static readonly TimeSpan Unanswered = TimeSpan.FromMinutes(10);

    public const int MaxAttempts = 3;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = Time.GetUtcNow() - Unsent;
        var due = await db.Reversals.AsNoTracking()
            .Where(r => r.Status == ReversalStatuses.Pending && r.SubmittedAt == null && (r.ApprovedAt ?? r.RequestedAt) < before)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(50).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await using var each = scopes.CreateAsyncScope();
            await each.ServiceProvider.GetRequiredService<ReversalSender>().SendAsync(id, cancellationToken);
        }

        var quietSince = Time.GetUtcNow() - Unanswered;
        var unanswered = await db.Reversals.AsNoTracking()
            .Where(r => r.Status == ReversalStatuses.Pending && r.SubmittedAt != null && r.SubmittedAt < quietSince && r.ResultCode == null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Attempts, r.TransactionId, r.MerchantId }).Take(50).ToListAsync(cancellationToken);
        foreach (var r in unanswered)
        {
            await using var each = scopes.CreateAsyncScope();
            if (r.Attempts < MaxAttempts)
            {
                await each.ServiceProvider.GetRequiredService<ReversalSender>().AskAgainAsync(r.Id, r.Attempts, cancellationToken);
            }
            else if (await ReversalRows.FlagUnansweredAsync(each.ServiceProvider.GetRequiredService<PortalDbContext>(), r.Id, r.Attempts, cancellationToken))
            {
                Logger.LogError("ALERT: reversal {ReversalId} has no result from M-Pesa after {Attempts} requests", r.Id, r.Attempts);
                await each.ServiceProvider.GetRequiredService<Transactions.TransactionJournal>().ReversalAsync(r.TransactionId, r.MerchantId,
                    $"M-Pesa answered none of {r.Attempts} reversal requests: check the payment in the M-Pesa organisation portal.", null);
            }
        }
    }
}
