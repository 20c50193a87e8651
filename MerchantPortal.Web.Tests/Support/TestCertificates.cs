using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Self-signed RSA certificates in PFX files, as an operator makes with openssl, for the key ring.</summary>
public static class TestCertificates
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("mp-certs-").FullName;
    private static readonly Lazy<PfxFile> Shared = new(() => Create());

    static TestCertificates() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or held by a process still exiting: a temporary folder either way.
        }
    };

    /// <summary>The certificate every test app encrypts its key ring to (required outside Simulator mode).</summary>
    public static PfxFile KeyRing => Shared.Value;

    public static PfxFile Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MerchantPortal key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new PfxFile(path, password);
    }
}

public sealed record PfxFile(string Path, string Password);
