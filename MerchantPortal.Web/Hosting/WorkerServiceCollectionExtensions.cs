namespace MerchantPortal.Web.Hosting;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>How the background workers (reconciler, webhook dispatcher, reminders, simulator callbacks) are hosted.</summary>
    public static WebApplicationBuilder AddPortalWorkers(this WebApplicationBuilder builder)
    {
        // Ignore, chosen on purpose (decision 12). The default, StopHost, turns one worker's bug into an outage of
        // the whole portal: a race in the simulator's callback worker once stopped every request. Each loop catches,
        // logs and goes on by itself (PollingWorker, SimulatorCallbackWorker); this only decides what happens if a
        // loop still ends by an exception: the host logs it and keeps serving payments and the API.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return builder;
    }
}
