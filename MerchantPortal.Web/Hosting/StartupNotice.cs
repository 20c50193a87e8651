using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Once the server listens, one line says where to open the portal (a wildcard address is shown as localhost, which a
/// browser can open) and, with the simulator, that no real money moves.
/// </summary>
public sealed partial class StartupNotice(
    IServer server, IHostApplicationLifetime lifetime, IOptions<MpesaOptions> mpesa, ILogger<StartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An address a browser on this machine can open: <c>http://0.0.0.0:8080</c> becomes <c>http://localhost:8080</c>.</summary>
    public static string Openable(string address) =>
        address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var open = addresses.Select(Openable).FirstOrDefault();
        if (open is null)
        {
            return;
        }

        LogReady(logger, open);
        if (mpesa.Value.IsSimulator)
        {
            LogSimulated(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MerchantPortal is ready: open {Address} in a browser")]
    private static partial void LogReady(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "M-Pesa is simulated (Mpesa:Mode=Simulator): payments work end to end, and no real money moves")]
    private static partial void LogSimulated(ILogger logger);
}
