using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>Mounts a Daraja look-alike under <see cref="RoutePrefix"/>; Daraja's base URL is then <c>{app}/sim/daraja</c>.</summary>
public static class SimulatorEndpoints
{
    public const string RoutePrefix = "/sim/daraja";
    public const string CallbackClientName = "DarajaSimulatorCallbacks";

    public const string OAuthPath = "/oauth/v1/generate";
    public const string StkPushPath = "/mpesa/stkpush/v1/processrequest";
    public const string StkQueryPath = "/mpesa/stkpushquery/v1/query";
    public const string StkQueryV2Path = "/mpesa/stkpushquery/v2/query";
    public const string C2BRegisterUrlPath = "/mpesa/c2b/v1/registerurl";
    public const string C2BRegisterUrlV2Path = "/mpesa/c2b/v2/registerurl";
    public const string C2BSimulatePath = "/mpesa/c2b/v1/simulate";
    public const string C2BSimulateV2Path = "/mpesa/c2b/v2/simulate";
    public const string PullRegisterPath = "/pulltransactions/v1/register";
    public const string PullQueryPath = "/pulltransactions/v1/query";
    public const string ReversalPath = "/mpesa/reversal/v1/request";

    private static readonly string[] NotGet = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    private static readonly string[] NotPost = ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"];

    public static IServiceCollection AddDarajaSimulator(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MpesaOptions>();
        services.TryAddSingleton<DarajaSimulatorState>();
        services.TryAddSingleton<SimulatorCallbackTargets>();
        services.TryAddSingleton<SimulatorStrictRules>();
        services.TryAddSingleton<SimulatorC2BLedger>();
        services.TryAddSingleton<SimulatorReversals>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SimulatorReversalWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SimulatorCallbackWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SimulatorC2BWorker>());
        // Never redirected: a callback goes to the portal's own path and nowhere that path might point.
        // Its sends are logged once each by SimulatorCallbackWorker (at Debug); the client adds no lines of its own.
        services.AddHttpClient(CallbackClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Under <see cref="RoutePrefix"/> in the portal; at the root (<c>""</c>) as a server of its own, as Daraja is.</summary>
    public static IEndpointRouteBuilder MapDarajaSimulator(this IEndpointRouteBuilder app, string prefix = RoutePrefix)
    {
        var group = app.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();

        group.MapGet(OAuthPath, SimulatorHandlers.GenerateToken);
        group.MapMethods(OAuthPath, NotGet, SimulatorResponses.MethodNotAllowed);

        group.MapPost(StkPushPath, SimulatorHandlers.StkPushAsync);
        group.MapMethods(StkPushPath, NotPost, SimulatorResponses.MethodNotAllowed);

        foreach (var path in new[] { StkQueryPath, StkQueryV2Path })
        {
            group.MapPost(path, SimulatorHandlers.StkQueryAsync);
            group.MapMethods(path, NotPost, SimulatorResponses.MethodNotAllowed);
        }

        MapPost(group, SimulatorC2BHandlers.RegisterUrlAsync, C2BRegisterUrlPath, C2BRegisterUrlV2Path);
        MapPost(group, SimulatorC2BHandlers.SimulateAsync, C2BSimulatePath, C2BSimulateV2Path);
        MapPost(group, SimulatorC2BHandlers.RegisterPullAsync, PullRegisterPath);
        MapPost(group, SimulatorC2BHandlers.QueryPullAsync, PullQueryPath);
        MapPost(group, SimulatorReversals.RequestAsync, ReversalPath);

        // Literal routes outrank this catch-all, so it only answers unknown paths.
        group.Map("{**path}", SimulatorResponses.NotFound);
        return app;
    }

    private static void MapPost(RouteGroupBuilder group, Delegate handler, params string[] paths)
    {
        foreach (var path in paths)
        {
            group.MapPost(path, handler);
            group.MapMethods(path, NotPost, SimulatorResponses.MethodNotAllowed);
        }
    }
}
