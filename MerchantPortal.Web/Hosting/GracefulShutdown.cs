namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Stopping without losing work (issue 15). On SIGTERM the host reports not ready at once (<see cref="ShuttingDownCheck"/>),
/// keeps serving for <c>App:ShutdownDrainSeconds</c> (default 0; 5–10 behind a load balancer, so it stops sending new
/// requests first), then Kestrel stops taking connections and waits up to <c>App:ShutdownTimeoutSeconds</c>
/// (default 30) for the requests in flight (an STK push waiting for Daraja's answer is finished and recorded), and the
/// workers stop. Work a worker leaves half done is leased by time, so another instance (or this one, restarted) takes
/// it up.
/// </summary>
public static class GracefulShutdown
{
    public static WebApplicationBuilder AddPortalShutdown(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AppOptions.Section);
        var timeout = section.GetValue<double?>("ShutdownTimeoutSeconds") ?? 30;
        var drain = section.GetValue<double?>("ShutdownDrainSeconds") ?? 0;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, timeout) + Math.Max(0, drain)));
        if (drain > 0)
        {
            builder.Services.AddHostedService(sp => new DrainBeforeStop(TimeSpan.FromSeconds(drain), sp.GetRequiredService<ILogger<DrainBeforeStop>>()));
        }

        return builder;
    }
}

/// <summary>Holds the host's stop (after "stopping" is signalled, before the server stops) while the load balancer notices.</summary>
public sealed class DrainBeforeStop(TimeSpan delay, ILogger<DrainBeforeStop> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Shutting down: not ready; serving for {Seconds} s more while the load balancer drains this instance", delay.TotalSeconds);
        await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
