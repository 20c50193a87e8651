using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>Live Daraja without a public address would build callback URLs from whatever Host a caller sends.</summary>
public sealed class ProductionWithoutPublicUrlApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Mode"] = "Production",
        ["Mpesa:BaseUrl"] = "https://daraja.invalid/",
        ["Mpesa:ConsumerKey"] = "key",
        ["Mpesa:ConsumerSecret"] = "secret",
        ["Mpesa:Passkey"] = "passkey",
    };
}

/// <summary>Production with a plain-HTTP public address: Daraja would never deliver a callback to it.</summary>
public sealed class ProductionWithHttpPublicUrlApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Mode"] = "Production",
        ["Mpesa:BaseUrl"] = "https://daraja.invalid/",
        ["Mpesa:ConsumerKey"] = "key",
        ["Mpesa:ConsumerSecret"] = "secret",
        ["Mpesa:Passkey"] = "passkey",
        ["App:PublicBaseUrl"] = "http://portal.example",
    };
}

public sealed class StartupTests
{
    [Fact]
    public async Task ProductionRefusesToStartWithAPublicBaseUrlThatIsNotHttps()
    {
        var app = new ProductionWithHttpPublicUrlApp();
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());
            Assert.Contains("App:PublicBaseUrl must start with https:// in Production mode",
                error is OptionsValidationException ? error.Message : error.ToString());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task LiveModeRefusesToStartWithoutAPublicBaseUrl()
    {
        var app = new ProductionWithoutPublicUrlApp();
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());
            Assert.Contains("PublicBaseUrl", error is OptionsValidationException ? error.Message : error.ToString());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
