using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal on a <see cref="FakeTimeProvider"/> that runs along with real time (so the reconciler, the
/// simulator and the webhook dispatcher keep working) and that a test can jump forward by days.
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
        ticking ??= Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Tick);
                Clock.Advance(Tick);
            }
        });
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
