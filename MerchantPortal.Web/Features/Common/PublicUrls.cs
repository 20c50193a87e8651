using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Common;

/// <summary>Absolute URLs customers and Daraja use: App:PublicBaseUrl, else the current request's origin.</summary>
public sealed class PublicUrls(IOptionsMonitor<AppOptions> options, IHttpContextAccessor accessor, DarajaEndpoint daraja)
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

    /// <summary>The short form of a link's pay page (<c>/pay/{lid}</c>): a less dense QR code for posters.</summary>
    public string ShortPayLink(string linkPublicId) => $"{BaseUrl}/pay/{Uri.EscapeDataString(linkPublicId)}";

    /// <summary>
    /// Daraja's callback for one transaction. No "mpesa" in the path: Daraja rejects such URLs. Never built from
    /// the request's Host header, which a caller controls: App:PublicBaseUrl (required outside Simulator mode),
    /// or, for the built-in simulator, this server's own address.
    /// </summary>
    public string StkCallback(string token) => $"{OwnRoot()}/hooks/stk/{token}";

    /// <summary>The Reversal API's ResultURL (<paramref name="timeout"/> false) or QueueTimeOutURL for one reversal.</summary>
    public string ReversalCallback(string token, bool timeout) => $"{OwnRoot()}/hooks/reversal/{token}/{(timeout ? "timeout" : "result")}";

    /// <summary>Daraja's C2B confirmation URL for one account, built like <see cref="StkCallback"/> (never from the Host header).</summary>
    public string C2BConfirmation(string token) => OwnRoot() + C2BCallbackPaths.ConfirmationFor(token);

    /// <summary>Daraja's C2B validation URL for one account.</summary>
    public string C2BValidation(string token) => OwnRoot() + C2BCallbackPaths.ValidationFor(token);

    /// <summary>The Billing page, for emails sent outside any request: App:PublicBaseUrl, else this server's own address.</summary>
    public string BillingPage() => EmailLink("/Billing");

    /// <summary>
    /// A link put in an email (password reset, email confirmation, reminders). Never from the request's Host: a
    /// forged one would send the victim's reset code to the forger's server.
    /// </summary>
    public string EmailLink(string pathAndQuery) => OwnRoot() + pathAndQuery;

    private string OwnRoot()
    {
        var configured = options.CurrentValue.PublicBaseUrl?.Trim();
        return (string.IsNullOrEmpty(configured) ? daraja.SelfAddress() : configured).TrimEnd('/');
    }
}
