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

    /// <summary>The lanes' tasks, awaited on stop so a delivery cut short is handed back before the process exits.</summary>
    private readonly ConcurrentDictionary<Task, bool> running = new();

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
                    var lane = RunLaneAsync(target, cancellationToken);
                    running[lane] = true;
                    _ = lane.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
                }

                if (lanes.Values.Count(m => m == row.MerchantId) >= perMerchant)
                {
                    full.Add(row.MerchantId);
                }
            }
        }
    }

    /// <summary>Stops the loop, then waits (within the host's shutdown time) for the lanes to hand back what they held.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is still leased runs out by itself.
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
                    try
                    {
                        await sender.SendAsync(delivery, stoppingToken);
                    }
                    catch (Exception) when (stoppingToken.IsCancellationRequested)
                    {
                        await ReleaseAsync(db, delivery, lease);
                        throw;
                    }
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

    /// <summary>
    /// Shutting down mid-send: the claimed delivery is handed back (due again at its old time) so another instance
    /// sends it now rather than when the lease runs out. Only this claim's lease is undone: if the answer was already
    /// recorded, or another instance took the row after the lease, nothing changes. A merchant's server that answered
    /// before the stop gets it again, with the same delivery id (deliveries are at least once).
    /// </summary>
    private async Task ReleaseAsync(PortalDbContext db, WebhookDelivery delivery, DateTimeOffset lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await db.AllWebhookDeliveries
                .Where(d => d.Id == delivery.Id && d.Status == "pending" && d.NextAttemptAt == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, delivery.NextAttemptAt), timeout.Token);
        }
        catch (Exception ex)
        {
            // The lease runs out by itself.
            logger.LogWarning(ex, "Webhook delivery {DeliveryId} could not be handed back on shutdown; it is sent when its lease runs out", delivery.PublicId);
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
