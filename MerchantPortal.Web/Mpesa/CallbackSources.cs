using System.Net;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Mpesa:CallbackAllowedIps, checked once for every POST Daraja makes to us (STK callbacks, C2B validation and
/// confirmation). The address is the connection's, or a trusted proxy's X-Forwarded-For (App:TrustedProxies).
/// </summary>
public static class CallbackSources
{
    /// <summary>True when no list is set (the URL token alone authenticates) or the caller's address is on it.</summary>
    public static bool IsAllowed(HttpContext http, IReadOnlyCollection<string> allowed)
    {
        var source = http.Connection.RemoteIpAddress;
        return allowed.Count == 0
            || (source is not null && allowed.Any(ip => IPAddress.TryParse(ip, out var a) && a.Equals(source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source)));
    }
}
