using MerchantPortal.Web.Hosting;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The paths the portal writes down (request logs, spans) never hold a callback's or a pay page's token.</summary>
public sealed class SecretPathsTests
{
    [Theory]
    [InlineData("/hooks/stk/Tok3n_x-y", "/hooks/stk/[redacted]")]
    [InlineData("/Hooks/STK/Tok3n", "/Hooks/STK/[redacted]")]
    [InlineData("/hooks/c2b/Tok3n/confirmation", "/hooks/c2b/[redacted]/confirmation")]
    [InlineData("/pay/status/abc123", "/pay/status/[redacted]")]
    [InlineData("/PAY/Receipt/abc123", "/PAY/Receipt/[redacted]")]
    [InlineData("/pay/u_abc/l_def", "/pay/u_abc/l_def")]
    [InlineData("/index.php", "/index.php")]
    [InlineData("/hooks/stk", "/hooks/stk")]
    public void TheSecretSegmentIsRedactedAndOtherPathsKept(string path, string written) =>
        Assert.Equal(written, SecretPaths.Redact(path));
}
