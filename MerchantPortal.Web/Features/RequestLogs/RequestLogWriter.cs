using System.Threading.Channels;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.RequestLogs;

/// <summary>
/// Takes log entries from requests without waiting: a bounded queue that drops the newest entry when full (a slow or
/// failing log store never slows a request nor costs its answer); <see cref="RequestLogFlusher"/> saves them in batches.
/// </summary>
public sealed class RequestLogWriter(ILogger<RequestLogWriter> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<ApiRequestLog> queue = Channel.CreateBounded<ApiRequestLog>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<ApiRequestLog> Reader => queue.Reader;

    public void Write(ApiRequestLog entry)
    {
        if (!queue.Writer.TryWrite(entry))
        {
            logger.LogWarning("Request log full: the entry for {Action} ({CorrelationId}) is dropped", entry.Action, entry.CorrelationId);
        }
    }
}

/// <summary>
/// Saves queued log entries in batches (waiting <see cref="Linger"/> after the first entry of a batch, so that a busy
/// portal writes a few large batches a second rather than one small one per request), and every
/// <see cref="CleanUpEvery"/> removes entries older than <see cref="Retention"/> and, per merchant written to, all but
/// the newest <see cref="CapPerMerchant"/>.
/// </summary>
public sealed class RequestLogFlusher(RequestLogWriter writer, IServiceScopeFactory scopes, TimeProvider time, ILogger<RequestLogFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public const int CapPerMerchant = 10_000;

    private const int BatchSize = 200;

    /// <summary>
    /// How long a batch waits for more entries once it has one: an entry shows in the request log within about this.
    /// Real time, not the portal's clock: it paces writes, it dates nothing.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCleanUp = DateTimeOffset.MinValue;
        var written = new HashSet<string>(StringComparer.Ordinal);
        while (await writer.Reader.WaitToReadAsync(stoppingToken))
        {
            if (writer.Reader.Count < BatchSize)
            {
                // On shutdown the wait ends early and what was queued is still saved (the loop ends after).
                await Task.Delay(Linger, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            var batch = new List<ApiRequestLog>(BatchSize);
            while (batch.Count < BatchSize && writer.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                db.AllApiRequestLogs.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                written.UnionWith(batch.Select(e => e.MerchantId));
                if (time.GetUtcNow() - lastCleanUp > CleanUpEvery)
                {
                    await CleanUpAsync(db, written, stoppingToken);
                    (lastCleanUp, written) = (time.GetUtcNow(), new HashSet<string>(StringComparer.Ordinal));
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The log is a help, not a record of money: a batch the store refused is given up, never retried for ever.
                logger.LogError(ex, "Request log: {Count} entries could not be saved and are dropped", batch.Count);
            }
        }
    }

    public async Task CleanUpAsync(PortalDbContext db, IEnumerable<string> merchants, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Retention;
        await db.ApiRequestLogs.Where(e => e.At < before).ExecuteDeleteAsync(cancellationToken);
        foreach (var merchant in merchants)
        {
            var oldestKept = await db.ApiRequestLogs.Where(e => e.MerchantId == merchant).OrderByDescending(e => e.Id)
                .Skip(CapPerMerchant - 1).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            if (oldestKept is { } id)
            {
                await db.ApiRequestLogs.Where(e => e.MerchantId == merchant && e.Id < id).ExecuteDeleteAsync(cancellationToken);
            }
        }
    }
}
