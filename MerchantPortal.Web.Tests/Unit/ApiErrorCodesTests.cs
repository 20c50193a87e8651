using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The Developers page's error table explains every code the router answers, with the status it comes with.</summary>
public sealed class ApiErrorCodesTests
{
    [Fact]
    public void EveryCodeTheRouterCanAnswerIsListed()
    {
        var listed = ApiErrorCodes.All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

        var missing = RouterErrorCodes.Read().Keys.Where(code => !listed.Contains(code)).Order().ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EachListedCodeHasEveryKindItIsRaisedWithSoItsStatusIsRight()
    {
        var listed = ApiErrorCodes.All.ToDictionary(c => c.Code, StringComparer.Ordinal);

        var wrong = RouterErrorCodes.Read()
            .Where(r => listed.ContainsKey(r.Key))
            .SelectMany(r => r.Value.Where(kind => !listed[r.Key].Kinds.Contains(kind)).Select(kind => $"{r.Key} is raised as {kind}"))
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void NoListedCodeIsOneTheCodeNoLongerRaises()
    {
        var stale = ApiErrorCodes.All.Select(c => c.Code)
            .Where(code => code is not (ApiErrorCodes.InvalidField or ApiErrorCodes.FrameworkStatus) && !RouterErrorCodes.IsRaisedAnywhere(code))
            .ToList();

        Assert.Empty(stale);
    }

    [Fact]
    public void TheScanFindsCodesRaisedInEachWayTheSourceRaisesThem()
    {
        var found = RouterErrorCodes.Read();

        Assert.Contains(ErrorKind.Conflict, found["duplicate_pending"]);
        Assert.Contains(ErrorKind.NotFound, found["link_not_found"]);
        Assert.Contains(ErrorKind.Invalid, found["invalid_callback_url"]);
        Assert.True(found.ContainsKey("daraja_credentials_required"));
        Assert.True(found.ContainsKey("cross_site_request"));
        Assert.False(found.ContainsKey("cannot_suspend_self"));
    }

    [Theory]
    [InlineData("merchant_suspended", "402 or 403")]
    [InlineData("rate_limited", "429")]
    [InlineData("mpesa_unavailable", "502")]
    [InlineData("unsupported_media_type", "415")]
    [InlineData("internal_error", "500")]
    public void StatusesComeFromTheEnvelopesOwnMap(string code, string status) =>
        Assert.Equal(status, ApiErrorCodes.All.Single(c => c.Code == code).HttpStatus);
}
