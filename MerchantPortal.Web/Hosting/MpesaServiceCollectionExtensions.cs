using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;

namespace MerchantPortal.Web.Hosting;

public static class MpesaServiceCollectionExtensions
{
    // Fixed credentials of the built-in simulator; they are not secrets and work nowhere else.
    private const string SimulatorKey = "simulator-consumer-key";
    private const string SimulatorSecret = "simulator-consumer-secret";
    private const string SimulatorPasskey = "simulator-passkey";

    public static WebApplicationBuilder AddMpesa(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MpesaOptions>()
            .Bind(builder.Configuration.GetSection(MpesaOptions.Section))
            .PostConfigure(o =>
            {
                if (o.IsSimulator)
                {
                    UseSimulatorCredentials(o);
                }
            })
            .Validate(o => o.IsSimulator || !string.IsNullOrWhiteSpace(o.BaseUrl), "Mpesa:BaseUrl is required outside Simulator mode.")
            .Validate(o => o.IsSimulator || !string.IsNullOrWhiteSpace(o.ConsumerKey), "Mpesa:ConsumerKey is required outside Simulator mode.")
            .Validate<Microsoft.Extensions.Options.IOptions<AppOptions>>(
                (o, app) => o.IsSimulator || !string.IsNullOrWhiteSpace(app.Value.PublicBaseUrl),
                "App:PublicBaseUrl is required outside Simulator mode: Daraja's callbacks must reach a fixed public address.")
            .Validate<Microsoft.Extensions.Options.IOptions<AppOptions>>(
                (o, app) => o.Mode != MpesaMode.Production || string.IsNullOrWhiteSpace(app.Value.PublicBaseUrl)
                    || app.Value.PublicBaseUrl.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                "App:PublicBaseUrl must start with https:// in Production mode: Daraja sends callbacks only to HTTPS addresses "
                + "with a trusted certificate, so payments would never be confirmed.")
            .ValidateOnStart();

        services.AddSingleton<DarajaEndpoint>();
        services.AddSingleton<IDarajaTokenStore, DbDarajaTokenStore>();
        services.AddSingleton<DarajaTokenCache>();
        services.AddSingleton<DarajaCredentialsProvider>();
        // Each call has its own deadline (Mpesa:TimeoutSeconds for a push, Mpesa:QueryTimeoutSeconds otherwise).
        services.AddHttpClient<DarajaClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);

        services.AddHostedService<PendingPaymentReconciler>();
        // Resolvable by itself so that a test (or an admin command) can run one pass; hosted unless Mpesa:PullWorker=false.
        services.AddSingleton<Features.C2B.PullTransactionsWorker>();
        var configured = builder.Configuration.GetSection(MpesaOptions.Section).Get<MpesaOptions>();
        if (configured?.PullWorker ?? true)
        {
            services.AddHostedService(sp => sp.GetRequiredService<Features.C2B.PullTransactionsWorker>());
        }

        // Always: test mode pays through it whatever Mpesa:Mode says. Outside Simulator mode it takes only
        // TestModeApp, a random app of this process that nothing outside it knows.
        services.AddDarajaSimulator();

        return builder;
    }

    /// <summary>The simulator's fixed app where none is configured (the portal's and the standalone simulator's alike).</summary>
    public static void UseSimulatorCredentials(MpesaOptions o)
    {
        o.ConsumerKey = string.IsNullOrWhiteSpace(o.ConsumerKey) ? SimulatorKey : o.ConsumerKey;
        o.ConsumerSecret = string.IsNullOrWhiteSpace(o.ConsumerSecret) ? SimulatorSecret : o.ConsumerSecret;
        o.Passkey = string.IsNullOrWhiteSpace(o.Passkey) ? SimulatorPasskey : o.Passkey;
    }

    public static WebApplication MapMpesa(this WebApplication app)
    {
        app.MapStkCallback();
        app.MapReversalCallbacks();
        app.MapC2BCallbacks();
        app.MapDarajaSimulator();

        return app;
    }
}
