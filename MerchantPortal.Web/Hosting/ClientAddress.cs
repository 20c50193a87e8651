namespace MerchantPortal.Web.Hosting;

/// <summary>
/// The client's address as rate limits and lockouts count it: the connection's, which the forwarded-headers middleware
/// has already replaced with X-Forwarded-For when, and only when, the request came through App:TrustedProxies.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
