namespace MerchantPortal.Web.Hosting;

/// <summary>
/// A background service that runs one pass, waits, and runs again until the app stops. Nothing but the app's
/// stopping ends the loop: a failed pass (or a bad interval setting) is logged and the loop goes on, since the
/// work's state lives in the database and nothing is lost in between (decision 12).
/// </summary>
public abstract class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);
    private static readonly TimeSpan FallbackWait = TimeSpan.FromSeconds(30);

    /// <summary>The clock the worker and its subclass share (a fake one in tests).</summary>
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

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
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WorkerLog.PassFailed(Logger, ex, GetType().Name);
            }

            try
            {
                await Task.Delay(NextWait(), Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary><see cref="Interval"/> kept within what <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> accepts.</summary>
    private TimeSpan NextWait()
    {
        try
        {
            var interval = Interval;
            return interval < MinWait ? MinWait : interval > MaxWait ? MaxWait : interval;
        }
        catch (Exception ex)
        {
            WorkerLog.BadInterval(Logger, ex, GetType().Name, FallbackWait);
            return FallbackWait;
        }
    }
}
