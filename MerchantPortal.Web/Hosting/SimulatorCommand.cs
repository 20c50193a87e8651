using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// <c>dotnet run --project MerchantPortal.Web -- simulate-daraja [--urls http://127.0.0.1:5090]</c>: the Daraja
/// simulator alone, at the root of its own server (OAuth, STK push and query, callbacks after
/// <c>Mpesa:Simulator:CallbackDelaySeconds</c>, C2B register URL and simulate, Pull Transactions, the same faults and
/// test phones), with no database, Identity or pages.
/// A portal uses it with <c>Mpesa:Mode=Simulator</c> and <c>Mpesa:BaseUrl</c> set to its address, so benchmarks
/// and several portal instances do not count or share Daraja's work. It calls back only the portals' callback paths
/// (<c>/hooks/stk/{token}</c> and <see cref="C2BCallbackPaths"/>) on this machine, on any port, or under <c>App:PublicBaseUrl</c>.
/// </summary>
public static class SimulatorCommand
{
    public const string Name = "simulate-daraja";

    public const string DefaultAddress = "http://localhost:5090";

    // Per-request lines (a callback delivered) would log a portal's load twice over; warnings still show.
    private const string SimulatorLogCategory = "MerchantPortal.Web.Mpesa.Simulator";

    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        await using var app = Build(args[1..]);
        await app.RunAsync();
        return true;
    }

    /// <summary>The simulator's own server, not started (the command runs it; tests start it on a free port).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (new[] { "urls", "http_ports", "https_ports" }.All(k => string.IsNullOrWhiteSpace(builder.Configuration[k])))
        {
            builder.WebHost.UseUrls(DefaultAddress);
        }

        if (builder.Configuration[$"Logging:LogLevel:{SimulatorLogCategory}"] is null)
        {
            builder.Logging.AddFilter(SimulatorLogCategory, LogLevel.Warning);
        }

        var services = builder.Services;
        services.Configure<AppOptions>(builder.Configuration.GetSection(AppOptions.Section));
        services.Configure<BillingOptions>(builder.Configuration.GetSection(BillingOptions.Section));
        services.AddOptions<MpesaOptions>()
            .Bind(builder.Configuration.GetSection(MpesaOptions.Section))
            .PostConfigure(MpesaServiceCollectionExtensions.UseSimulatorCredentials);
        services.AddListSettings();
        services.AddSingleton(sp => new SimulatorCallbackTargets(
            sp.GetRequiredService<IServer>(), sp.GetRequiredService<IOptionsMonitor<AppOptions>>()) { AcceptsAnyLocalPort = true });
        services.AddDarajaSimulator();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapDarajaSimulator(prefix: "");
        return app;
    }
}
