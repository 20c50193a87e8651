using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>
/// The Data Protection key ring is stored encrypted to the configured certificate: the database alone cannot
/// forge a session. Every test app has one (Support/PortalApp).
/// </summary>
public abstract class KeyRingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheStoredKeyRingIsEncryptedToTheCertificateAndSessionsWork()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("me")).AssertOk();

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.Contains("<EncryptedData", xml);
        });
    }

    [Fact]
    public async Task AnInstanceRotatedToANewCertificateStillReadsKeysEncryptedToThePreviousOne()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var session = await SessionClient.SignInAsync(app, merchant);
        await using var rotated = new RotatedInstance(app, TestCertificates.Create(), TestCertificates.KeyRing);
        await rotated.InitializeAsync();
        using var copy = session.CopyTo(rotated);

        var me = await new ApiClient(copy).PostAsync("me");

        Assert.Equal(merchant.PublicId, me.AssertOk().Data.GetProperty("user").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("Sandbox")]
    [InlineData("Production")]
    public async Task OutsideSimulatorModeTheAppRefusesToStartWithoutACertificateAndSaysWhy(string mode)
    {
        var live = new LiveWithoutCertificateApp(app.Provider, mode);
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () => await live.InitializeAsync());
            Assert.Contains("DataProtection:Certificate:Path (a PFX file) and DataProtection:Certificate:Password are required outside Simulator mode",
                error is OptionsValidationException ? error.Message : error.ToString());
        }
        finally
        {
            await live.DisposeAsync();
        }
    }
}

/// <summary>A second instance on the same database after a rotation: a new certificate, the old one listed as previous.</summary>
public sealed class RotatedInstance(PortalApp first, PfxFile current, PfxFile previous) : PortalApp(first.Provider)
{
    protected override string? SharedConnectionString => first.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = new Uri(first.BaseUri, "/sim/daraja/").ToString(),
        ["DataProtection:Certificate:Path"] = current.Path,
        ["DataProtection:Certificate:Password"] = current.Password,
        ["DataProtection:PreviousCertificates:0:Path"] = previous.Path,
        ["DataProtection:PreviousCertificates:0:Password"] = previous.Password,
    };
}

/// <summary>Live Daraja with everything else it needs, but no key ring certificate.</summary>
public sealed class LiveWithoutCertificateApp(DatabaseProvider provider, string mode) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Mode"] = mode,
        ["Mpesa:BaseUrl"] = "https://daraja.invalid/",
        ["Mpesa:ConsumerKey"] = "key",
        ["Mpesa:ConsumerSecret"] = "secret",
        ["Mpesa:Passkey"] = "passkey",
        ["App:PublicBaseUrl"] = "https://pay.example",
        ["DataProtection:Certificate:Path"] = "",
        ["DataProtection:Certificate:Password"] = "",
    };
}

public sealed class SqliteKeyRingTests(SqliteApp app) : KeyRingTests<SqliteApp>(app);

public sealed class PostgresKeyRingTests(PostgresApp app) : KeyRingTests<PostgresApp>(app);
