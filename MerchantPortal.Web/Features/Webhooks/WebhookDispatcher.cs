using System.Collections.Concurrent;
using System.Linq.Expressions;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Sends due outbox rows, off the request threads, at least once (<see cref="WebhookDeliverySender"/>). Each target
/// (an endpoint, or one payment callback URL) has one lane: its deliveries go one at a time, in order, while
/// lanes run side by side up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/>, and a merchant's lanes up to
/// <see cref="WebhookOptions.MaxConcurrentPerMerchant"/>. So an endpoint that never answers delays only itself,
/// never another merchant. Each row is claimed by a compare-and-swap on NextAttemptAt, so instances sharing a
/// database never send one attempt twice; the one-at-a-time rule holds per instance.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IOptionsMonitor<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : PollingWorker(time, logger)
{
    /// <summary>A lane sends at most this many in a row, then makes room for others at the next pass.</summary>
    private const int LaneTurn = 20;

    /// <summary>The running lanes: target → merchant.</summary>
    private readonly ConcurrentDictionary<DeliveryTarget, string> lanes = new();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollSeconds));

    /// <summary>Starts a lane for each target with a due delivery, oldest first, while there is room; does not wait for them.</summary>
    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var maxLanes = Math.Max(1, settings.MaxConcurrentDeliveries);
        var perMerchant = Math.Max(1, settings.MaxConcurrentPerMerchant);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var seen = new HashSet<DeliveryTarget>(lanes.Keys);
        var full = new HashSet<string>(lanes.Values.GroupBy(m => m).Where(g => g.Count() >= perMerchant).Select(g => g.Key));
        while (lanes.Count < maxLanes)
        {
            // Targets already running or looked at, and merchants at their share, are left out in the query itself,
            // so one target's backlog cannot hide everyone else's deliveries.
            var endpointIds = seen.Where(t => t.EndpointId is not null).Select(t => t.EndpointId!.Value).ToList();
            var urls = seen.Where(t => t.EndpointId is null).Select(t => t.CallbackUrl!).ToList();
            var merchants = full.ToList();
            var now = Time.GetUtcNow();
            var due = await db.AllWebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == "pending" && d.NextAttemptAt <= now && !merchants.Contains(d.MerchantId))
                .Where(d => (d.EndpointId != null && !endpointIds.Contains(d.EndpointId.Value))
                    || (d.EndpointId == null && !urls.Contains(d.CallbackUrl!)))
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => new { d.EndpointId, d.CallbackUrl, d.MerchantId })
                .Take(50)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return;
            }

            foreach (var row in due)
            {
                var target = new DeliveryTarget(row.EndpointId, row.EndpointId is null ? row.CallbackUrl : null);
                if (lanes.Count >= maxLanes || full.Contains(row.MerchantId) || !seen.Add(target))
                {
                    continue;
                }

                if (lanes.TryAdd(target, row.MerchantId))
                {
                    _ = RunLaneAsync(target, cancellationToken);
                }

                if (lanes.Values.Count(m => m == row.MerchantId) >= perMerchant)
                {
                    full.Add(row.MerchantId);
                }
            }
        }
    }

    /// <summary>Sends one target's due deliveries one at a time, oldest first, for a turn.</summary>
    private async Task RunLaneAsync(DeliveryTarget target, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var sender = scope.ServiceProvider.GetRequiredService<WebhookDeliverySender>();
            for (var turn = 0; turn < LaneTurn && !stoppingToken.IsCancellationRequested; turn++)
            {
                var now = Time.GetUtcNow();
                var delivery = await db.AllWebhookDeliveries.AsNoTracking().Include(d => d.Endpoint)
                    .Where(d => d.Status == "pending" && d.NextAttemptAt <= now)
                    .Where(target.Filter())
                    .OrderBy(d => d.NextAttemptAt)
                    .FirstOrDefaultAsync(stoppingToken);
                if (delivery is null)
                {
                    return;
                }

                var lease = now.AddSeconds(options.CurrentValue.TimeoutSeconds * 3);
                var claimed = await db.AllWebhookDeliveries
                    .Where(d => d.Id == delivery.Id && d.NextAttemptAt == delivery.NextAttemptAt && d.Status == "pending")
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), stoppingToken);
                if (claimed == 1)
                {
                    await sender.SendAsync(delivery, stoppingToken);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The row keeps its lease and is tried again when it runs out.
            WorkerLog.PassFailed(logger, ex, nameof(WebhookDispatcher));
        }
        finally
        {
            lanes.TryRemove(target, out _);
        }
    }

    /// <summary>Where a delivery goes: its endpoint, or (with no endpoint) a payment's own callback URL.</summary>
    private sealed record DeliveryTarget(long? EndpointId, string? CallbackUrl)
    {
        public Expression<Func<WebhookDelivery, bool>> Filter()
        {
            var endpointId = EndpointId;
            var url = CallbackUrl;
            return endpointId is not null
                ? d => d.EndpointId == endpointId
                : d => d.EndpointId == null && d.CallbackUrl == url;
        }
    }
}
