namespace MerchantPortal.Web.Hosting;

/// <summary>
/// A background service that runs one pass, waits, and runs again until the app stops. A failed pass is logged
/// and retried on the next tick; the work's state lives in the database, so nothing is lost in between.
/// </summary>
public abstract class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the worker and its subclass share (a fake one in tests).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The wait between passes, read before each wait so configuration changes apply.</summary>
    protected abstract TimeSpan Interval { get; }

    public abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Worker} pass failed; retrying on the next tick", GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
