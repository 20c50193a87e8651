using MerchantPortal.Web.Api;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>Where the browser says a request comes from, read as the Fetch Metadata policy reads it.</summary>
public sealed class CrossSiteRequestsTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("same-origin", null, null, false)]
    [InlineData("none", null, null, false)]
    [InlineData("same-site", null, null, true)]
    [InlineData("cross-site", null, null, true)]
    [InlineData(null, "http://portal.test:8080", null, false)]
    [InlineData(null, "HTTP://PORTAL.TEST:8080", null, false)]
    [InlineData(null, "http://portal.test:9090", null, true)]
    [InlineData(null, "http://shop.portal.test:8080", null, true)]
    [InlineData(null, "null", null, true)]
    [InlineData(null, "https://pay.example.co.ke", "https://pay.example.co.ke/", false)]
    [InlineData(null, "http://pay.example.co.ke", "https://pay.example.co.ke", true)]
    [InlineData("same-origin", "http://evil.example", null, true)]
    public void ARequestIsCrossSiteWhenEitherHeaderSaysItComesFromElsewhere(string? site, string? origin, string? publicBaseUrl, bool crossSite)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("portal.test", 8080);
        if (site is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = site;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.Equal(crossSite, CrossSiteRequests.IsCrossSite(context.Request, publicBaseUrl));
    }
}
