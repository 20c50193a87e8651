using System.ComponentModel.DataAnnotations;
using MerchantPortal.Web.Features.PaymentAccounts;

namespace MerchantPortal.Web.Pages.PaymentAccounts;

/// <summary>The own-credentials form; the service's validator holds the rules. Secrets are never rendered back.</summary>
public sealed class CredentialsForm
{
    public static readonly string[] Fields = [nameof(ConsumerKey), nameof(ConsumerSecret), nameof(Passkey), nameof(StoreNumber)];

    [Display(Name = "Consumer key")]
    public string? ConsumerKey { get; set; }

    [Display(Name = "Consumer secret")]
    public string? ConsumerSecret { get; set; }

    [Display(Name = "Passkey (Lipa na M-Pesa Online)")]
    public string? Passkey { get; set; }

    [Display(Name = "Store (head office) number")]
    public string? StoreNumber { get; set; }

    public SaveAccountCredentialsRequest ToRequest() => new(ConsumerKey, ConsumerSecret, Passkey, StoreNumber);
}
