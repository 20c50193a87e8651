using MerchantPortal.Web.Hosting;

namespace MerchantPortal.Web.Features.RateLimits;

/// <summary>Drops rate-limit windows that have ended, so the counters table holds only the current ones.</summary>
public sealed class RateLimitCounterPruner(IServiceScopeFactory scopes, TimeProvider time, ILogger<RateLimitCounterPruner> logger)
    : PollingWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var limits = scope.ServiceProvider.GetRequiredService<PortalRateLimiters>();
        // Two of the longest windows back: a window still counting is never touched.
        var before = Time.GetUtcNow() - 2 * limits.LongestWindow;
        await scope.ServiceProvider.GetRequiredService<IRateLimitCounters>().PruneAsync(before.ToUnixTimeSeconds(), cancellationToken);
    }
}
