using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class DarajaCredentialsProviderTests
{
    private static readonly MpesaOptions Portal = new()
    {
        ConsumerKey = " portal-key ", ConsumerSecret = "portal-secret", Passkey = "portal-passkey",
    };

    [Fact]
    public void AnAccountWithoutOwnCredentialsUsesThePortalsTrimmed()
    {
        var provider = Provider(Portal);

        Assert.Equal(new DarajaCredentials("portal-key", "portal-secret", "portal-passkey"), provider.For(new PaymentAccount()));
    }

    [Fact]
    public void AnAccountWithOwnCredentialsUsesThemDecrypted()
    {
        var provider = Provider(Portal);
        var account = new PaymentAccount
        {
            ConsumerKey = "own-key",
            ConsumerSecretProtected = provider.Protect("own-secret"),
            PasskeyProtected = provider.Protect("own-passkey"),
        };

        Assert.NotEqual("own-secret", account.ConsumerSecretProtected);
        Assert.Equal(new DarajaCredentials("own-key", "own-secret", "own-passkey"), provider.For(account));
    }

    [Fact]
    public void AKeyWithoutItsSecretIsNotOwnCredentials()
    {
        var provider = Provider(Portal);

        Assert.Equal("portal-key", provider.For(new PaymentAccount { ConsumerKey = "own-key" }).ConsumerKey);
    }

    [Theory]
    [InlineData("700700", "600600", "700700")]
    [InlineData(null, "600600", "600600")]
    [InlineData(null, " ", "5123456")]
    [InlineData(null, null, "5123456")]
    public void ATillsBusinessShortCodeIsItsStoreNumberThenTheConfiguredOneThenTheTill(string? store, string? configured, string expected)
    {
        var provider = Provider(new MpesaOptions { TillHeadOfficeShortCode = configured });

        Assert.Equal(expected, provider.TillHeadOffice(new PaymentAccount { Type = "till", Number = "5123456", StoreNumber = store }));
    }

    private static DarajaCredentialsProvider Provider(MpesaOptions options) =>
        new(new FixedOptions(options), new EphemeralDataProtectionProvider());

    private sealed class FixedOptions(MpesaOptions value) : IOptionsMonitor<MpesaOptions>
    {
        public MpesaOptions CurrentValue => value;

        public MpesaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MpesaOptions, string?> listener) => null;
    }
}
