using MerchantPortal.Web.Data.Entities;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Which Daraja app and shortcode a push for an account goes through.</summary>
public sealed class DarajaCredentialsProvider(IOptionsMonitor<MpesaOptions> options)
{
    /// <summary>The portal's configured Daraja app (accounts' own credentials come with the dashboard).</summary>
    public DarajaCredentials For(PaymentAccount account)
    {
        var o = options.CurrentValue;
        return new DarajaCredentials(o.ConsumerKey.Trim(), o.ConsumerSecret.Trim(), o.Passkey.Trim());
    }

    /// <summary>
    /// A till's BusinessShortCode is its head-office/store number (PartyB is the till). Without a configured one
    /// the till number itself is used, which is right for tills that are their own store.
    /// </summary>
    public string TillHeadOffice(PaymentAccount account)
    {
        var configured = options.CurrentValue.TillHeadOfficeShortCode?.Trim();
        return string.IsNullOrEmpty(configured) ? account.Number : configured;
    }
}
