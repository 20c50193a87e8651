using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Which Daraja app and shortcode a push for an account goes through.</summary>
public sealed class DarajaCredentialsProvider(IOptionsMonitor<MpesaOptions> options, IDataProtectionProvider dataProtection)
{
    /// <summary>
    /// The Data Protection purpose for accounts' consumer secrets and passkeys. Changing it makes every saved
    /// secret unreadable, so a new scheme gets a new version suffix instead.
    /// </summary>
    public const string Purpose = "MerchantPortal.PaymentAccount.Daraja.v1";

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    /// <summary>The account's own Daraja app when it has one, else the portal's configured app.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring that protected them is gone.</exception>
    public DarajaCredentials For(PaymentAccount account)
    {
        if (HasOwnCredentials(account))
        {
            return new DarajaCredentials(account.ConsumerKey!,
                protector.Unprotect(account.ConsumerSecretProtected!), protector.Unprotect(account.PasskeyProtected!));
        }

        var o = options.CurrentValue;
        return new DarajaCredentials(o.ConsumerKey.Trim(), o.ConsumerSecret.Trim(), o.Passkey.Trim());
    }

    /// <summary>
    /// A test-mode call (<paramref name="livemode"/> false) goes to the built-in simulator with <see cref="TestModeApp"/>
    /// (the account's own app is Daraja's, and unknown to the simulator); a live one as
    /// <see cref="TryFor(PaymentAccount, out DarajaCredentials)"/>.
    /// </summary>
    public bool TryFor(PaymentAccount account, bool livemode, out DarajaCredentials credentials)
    {
        if (!livemode)
        {
            credentials = TestModeApp.Credentials(options.CurrentValue);
            return true;
        }

        return TryFor(account, out credentials);
    }

    /// <summary>Like <see cref="For"/>, but false when the saved secrets can no longer be decrypted (key ring lost).</summary>
    public bool TryFor(PaymentAccount account, out DarajaCredentials credentials)
    {
        try
        {
            credentials = For(account);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            credentials = null!;
            return false;
        }
    }

    public static bool HasOwnCredentials(PaymentAccount account) =>
        !string.IsNullOrEmpty(account.ConsumerKey)
        && !string.IsNullOrEmpty(account.ConsumerSecretProtected)
        && !string.IsNullOrEmpty(account.PasskeyProtected);

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>
    /// A till's BusinessShortCode is its head-office/store number (PartyB is the till): the account's own store
    /// number, else (for the operator's billing till, or any till in the lenient simulator) the configured
    /// one, else the till number itself. Under the live rules a merchant's till without a store number is refused
    /// before this.
    /// </summary>
    public string TillHeadOffice(PaymentAccount account)
    {
        if (!string.IsNullOrEmpty(account.StoreNumber))
        {
            return account.StoreNumber;
        }

        if (options.CurrentValue.AppliesLiveRules && account.MerchantId != Features.Subscriptions.PlatformTenant.MerchantId)
        {
            return account.Number;
        }

        var configured = options.CurrentValue.TillHeadOfficeShortCode?.Trim();
        return string.IsNullOrEmpty(configured) ? account.Number : configured;
    }
}
