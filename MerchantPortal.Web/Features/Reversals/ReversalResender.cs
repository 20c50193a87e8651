using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>
/// Sends reversals that were asked for (and approved, where needed) but never reached M-Pesa: the instance that should
/// have sent them stopped in between. A reversal is marked sent before M-Pesa is asked, so one already sent is never
/// sent again here; one left unsent for a minute is, by whichever instance passes first (the mark decides).
/// </summary>
public sealed class ReversalResender(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReversalResender> logger)
    : PollingWorker(time, logger)
{
    public static readonly TimeSpan Unsent = TimeSpan.FromMinutes(1);

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
    }
}
