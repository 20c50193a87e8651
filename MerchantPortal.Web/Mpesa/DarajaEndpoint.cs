using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Where Daraja is: the configured base URL, or this app's own simulator.</summary>
public sealed class DarajaEndpoint(IOptionsMonitor<MpesaOptions> options, IServer server)
{
    public const string SimulatorPath = "/sim/daraja";

    public Uri BaseUri
    {
        get
        {
            var configured = options.CurrentValue.BaseUrl?.Trim();
            if (!string.IsNullOrEmpty(configured))
            {
                return new Uri(configured.TrimEnd('/') + "/");
            }

            if (!options.CurrentValue.IsSimulator)
            {
                throw new InvalidOperationException("Mpesa:BaseUrl must be set outside Simulator mode.");
            }

            return new Uri(SelfAddress().TrimEnd('/') + SimulatorPath + "/");
        }
    }

    /// <summary>Where a call with these credentials goes: a test-mode call to this app's own simulator, always.</summary>
    public Uri BaseUriFor(DarajaCredentials credentials) =>
        credentials.Simulated ? new Uri(SelfAddress().TrimEnd('/') + SimulatorPath + "/") : BaseUri;

    /// <summary>The first address this server listens on, with a wildcard host made dialable.</summary>
    public string SelfAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; set Mpesa:BaseUrl.");
        return Dialable(address);
    }

    /// <summary>A listening address as this machine dials it: a wildcard host (<c>+</c>, <c>*</c>, any-address) is loopback.</summary>
    public static string Dialable(string address) => address
        .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
        .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
}
