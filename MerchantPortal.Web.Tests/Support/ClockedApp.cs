using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal on a <see cref="FakeTimeProvider"/> that runs along with real time (so the reconciler, the
/// simulator and the webhook dispatcher keep working) and that a test can jump forward by days.
/// It is moved on by the real time that passed, from a thread of its own: a fixed step per tick on the thread
/// pool let the clock fall seconds behind when the full suite starved the pool, and a 0.2 s simulated callback
/// then took longer than a test's 15 s wait.
/// </summary>
public class ClockedApp(DatabaseProvider provider) : PortalApp(provider)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource stop = new();
    private Task? ticking;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Jumps the app's clock forward; every timer due meanwhile fires.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        ticking ??= Task.Factory.StartNew(() =>
        {
            var real = System.Diagnostics.Stopwatch.StartNew();
            var moved = TimeSpan.Zero;
            while (!stop.Token.WaitHandle.WaitOne(Tick))
            {
                var elapsed = real.Elapsed;
                Clock.Advance(elapsed - moved);
                moved = elapsed;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (ticking is not null)
        {
            await ticking;
        }

        await base.DisposeAsync();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteClockedApp() : ClockedApp(DatabaseProvider.Sqlite);

public sealed class PostgresClockedApp() : ClockedApp(DatabaseProvider.Postgres);
