using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Hosting;

/// <summary>A PFX file (certificate and private key) and its password.</summary>
public sealed class CertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(Path);
}

/// <summary>How the Data Protection key ring is encrypted at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>New keys are encrypted to this certificate (RSA), and read with it.</summary>
    public CertificateFile Certificate { get; set; } = new();

    /// <summary>Certificates of earlier rotations: keys encrypted to them are still read, none is written.</summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];
}

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// The key ring lives in the database beside the data it protects (sessions, antiforgery, account secrets):
    /// whoever reads the database could forge any session with it, so outside Simulator mode it is encrypted to a
    /// certificate the database does not hold.
    /// </summary>
    public static WebApplicationBuilder AddPortalKeyRing(this WebApplicationBuilder builder)
    {
        var keyRing = builder.Services.AddDataProtection()
            .SetApplicationName("MerchantPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.Section)
            .Validate<IOptions<MpesaOptions>>((o, mpesa) => mpesa.Value.IsSimulator || o.Certificate.IsSet,
                "DataProtection:Certificate:Path (a PFX file) and DataProtection:Certificate:Password are required outside "
                + "Simulator mode: the key ring in the database signs every session and must be encrypted at rest.")
            .ValidateOnStart();

        // Data Protection takes the certificates while services are registered, so they are read here.
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (options.Certificate.IsSet)
        {
            var root = builder.Environment.ContentRootPath;
            var current = Load(options.Certificate, "DataProtection:Certificate", root);
            var previous = options.PreviousCertificates
                .Select((file, i) => (File: file, Setting: $"DataProtection:PreviousCertificates:{i}"))
                .Where(c => c.File.IsSet)
                .Select(c => Load(c.File, c.Setting, root));
            keyRing.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }
        else
        {
            // Only the simulator starts without a certificate (validated above), and the README says its key ring is
            // stored unencrypted; Data Protection's warning about that on a first start reads like a leak, so it is
            // not repeated. Errors of the key manager are still logged.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        return builder;
    }

    private static X509Certificate2 Load(CertificateFile file, string setting, string root)
    {
        var path = Path.GetFullPath(file.Path!, root);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, file.Password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{setting}:Path ({path}) could not be opened as a PFX file with {setting}:Password: {e.Message}", e);
        }

        using var key = certificate.GetRSAPrivateKey();
        return key is null
            ? throw new InvalidOperationException($"{setting}:Path ({path}) must hold an RSA certificate with its private key.")
            : certificate;
    }
}
