using System.Net;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class WebhookTargetGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("192.0.0.170")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::10.0.0.1")]
    public void CountsLoopbackPrivateLinkLocalAndMetadataAddressesAsPrivate(string address) =>
        Assert.True(WebhookTargetGuard.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("203.0.113.10")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void LeavesPublicAddressesAlone(string address) =>
        Assert.False(WebhookTargetGuard.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("Simulator", null, true)]
    [InlineData("Sandbox", null, false)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Simulator", "false", false)]
    public void PrivateNetworksAreAllowedUnlessSetOnlyWithTheSimulator(string mode, string? setting, bool allowed)
    {
        var builder = WebApplication.CreateEmptyBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mpesa:Mode"] = mode,
            ["Webhooks:AllowPrivateNetworks"] = setting,
        });
        builder.Services.Configure<MpesaOptions>(builder.Configuration.GetSection(MpesaOptions.Section));
        builder.AddPortalWebhooks();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(allowed, services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks);
    }
}
