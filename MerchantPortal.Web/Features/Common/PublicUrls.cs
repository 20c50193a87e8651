using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Common;

/// <summary>Absolute URLs customers and Daraja use: App:PublicBaseUrl, else the current request's origin.</summary>
public sealed class PublicUrls(IOptionsMonitor<AppOptions> options, IHttpContextAccessor accessor)
{
    public string BaseUrl
    {
        get
        {
            var configured = options.CurrentValue.PublicBaseUrl?.Trim();
            if (!string.IsNullOrEmpty(configured))
            {
                return configured.TrimEnd('/');
            }

            var request = accessor.HttpContext?.Request
                ?? throw new InvalidOperationException("App:PublicBaseUrl is needed outside a request.");
            return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
    }

    public string PayLink(string merchantPublicId, string linkPublicId) =>
        $"{BaseUrl}/index.php?action=paylink&uid={Uri.EscapeDataString(merchantPublicId)}&lid={Uri.EscapeDataString(linkPublicId)}";

    /// <summary>Daraja's callback for one transaction. No "mpesa" in the path: Daraja rejects such URLs.</summary>
    public string StkCallback(string token) => $"{BaseUrl}/hooks/stk/{token}";
}
