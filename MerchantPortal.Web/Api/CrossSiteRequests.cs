using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The Fetch Metadata policy for actions a browser could be made to call from another site with the merchant's
/// cookie (an auto-submitted form on a sibling subdomain or another port, which SameSite=Lax lets through): the
/// browser says where the request comes from, and anything but this portal is refused. Scripts send neither
/// header and keep working; API-key calls carry no ambient credential and are not checked.
/// </summary>
public static class CrossSiteRequests
{
    public const string Code = "cross_site_request";

    public static ServiceError Refused() => new(ErrorKind.Forbidden, Code,
        "This request came from another site. Use the portal's own pages, or call the API with an API key.");

    /// <summary>
    /// True when <c>Sec-Fetch-Site</c> is other than <c>same-origin</c> or <c>none</c> (typed in, a bookmark), or
    /// <c>Origin</c> is neither <paramref name="publicBaseUrl"/> nor the address the request was sent to (a browser
    /// sets Origin itself, so the request's own Host is safe to compare with here).
    /// </summary>
    public static bool IsCrossSite(HttpRequest request, string? publicBaseUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString().Trim();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase)
            && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString().Trim();
        if (origin.Length == 0)
        {
            return false;
        }

        var ours = SameOrigin(origin, $"{request.Scheme}://{request.Host}")
            || (!string.IsNullOrWhiteSpace(publicBaseUrl) && SameOrigin(origin, publicBaseUrl.Trim()));
        return !ours;
    }

    // "null" (a sandboxed frame, a redirect across origins) is no URL, so it is never this portal.
    private static bool SameOrigin(string origin, string url) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var a) && Uri.TryCreate(url, UriKind.Absolute, out var b)
        && Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
