using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class BackgroundWorkerTests
{
    [Fact]
    public async Task AWorkerWhosePassesThrowKeepsRunningAndTheHostStaysUp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddPortalWorkers();
        var flaky = new FlakyWorker();
        builder.Services.AddSingleton<IHostedService>(flaky);
        builder.Services.AddHostedService<CrashingWorker>();
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var crashed = app.Services.GetServices<IHostedService>().OfType<CrashingWorker>().Single();
        for (var i = 0; i < 200 && (flaky.Passes < 5 || crashed.ExecuteTask is not { IsCompleted: true }); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(flaky.Passes >= 5, $"the worker ran {flaky.Passes} passes");
        Assert.True(crashed.ExecuteTask!.IsFaulted);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(app.Lifetime.ApplicationStopping.IsCancellationRequested, "a failed worker stopped the host");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TheSimulatorsCallbackWorkerSurvivesPushesArrivingAsItsClockTicks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var state = new DarajaSimulatorState(clock);
        var targets = new SimulatorCallbackTargets(new NoServer(), new StaticMonitor<AppOptions>(new AppOptions()));
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        using var worker = new SimulatorCallbackWorker(state, targets, services.GetRequiredService<IHttpClientFactory>(),
            clock, NullLogger<SimulatorCallbackWorker>.Instance);
        await worker.StartAsync(TestContext.Current.CancellationToken);

        // Pushes wake the worker while its clock ticks: a tick landing as a woken wait is cancelled is the race that
        // once stopped the host. A busy clock makes that moment frequent instead of rare.
        var options = new SimulatorOptions { CallbackDelaySeconds = 0 };
        var until = DateTime.UtcNow.AddSeconds(3);
        var ticking = Task.Run(() =>
        {
            while (DateTime.UtcNow < until)
            {
                clock.Advance(SimulatorCallbackWorker.PollInterval);
            }
        }, TestContext.Current.CancellationToken);
        var pushes = 0;
        while (DateTime.UtcNow < until && worker.ExecuteTask is { IsCompleted: false })
        {
            // 0708000005's outcome sends no callback, so nothing is posted anywhere.
            state.TryOpenSession(new StkPushRequest("174379", "p", "20260101000000", SimulatorValidation.PayBill, 1,
                "254708000005", "174379", "254708000005", "http://127.0.0.1/hooks/stk/t", "A", null), options);
            if (++pushes % 20 == 0)
            {
                state.Reset();
                await Task.Yield();
            }
        }

        await ticking;
        Assert.False(worker.ExecuteTask!.IsCompleted, $"the worker stopped: {worker.ExecuteTask.Exception?.InnerException}");
        state.TryOpenSession(new StkPushRequest("174379", "p", "20260101000000", SimulatorValidation.PayBill, 1,
            "254708000005", "174379", "254708000005", "http://127.0.0.1/hooks/stk/t", "A", null), options);
        for (var i = 0; i < 100 && state.Sessions.Any(s => !s.IsClaimed); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.All(state.Sessions, s => Assert.True(s.IsClaimed));
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class FlakyWorker() : PollingWorker(TimeProvider.System, NullLogger.Instance)
    {
        private int passes;

        public int Passes => Volatile.Read(ref passes);

        /// <summary>Every other wait comes from a broken setting (a negative number of seconds).</summary>
        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Passes % 2 == 0 ? 10 : -5);

        public override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref passes);
            throw new InvalidOperationException("a pass that fails");
        }
    }

    /// <summary>A worker with a bug: its loop ends by an exception.</summary>
    private sealed class CrashingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("a worker that dies");
        }
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}

public sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
