using System.Net;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
    [InlineData("Simulator", null, "http://127.0.0.1:8080/hook", true)]
    [InlineData("Simulator", null, "http://[::1]/hook", true)]
    [InlineData("Simulator", null, "http://10.0.0.7/hook", false)]
    [InlineData("Simulator", null, "http://192.168.1.20/hook", false)]
    [InlineData("Simulator", null, "http://100.64.1.1/hook", false)]
    [InlineData("Simulator", null, "http://[fd00::1]/hook", false)]
    [InlineData("Simulator", null, "http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("Simulator", null, "http://[fd00:ec2::254]/", false)]
    [InlineData("Simulator", null, "http://203.0.113.10/hook", true)]
    [InlineData("Simulator", "false", "http://127.0.0.1/hook", false)]
    [InlineData("Simulator", "true", "http://10.0.0.7/hook", true)]
    [InlineData("Sandbox", null, "http://127.0.0.1/hook", false)]
    [InlineData("Sandbox", null, "http://192.0.2.1/hook", false)]
    [InlineData("Production", null, "http://198.51.100.7/hook", false)]
    [InlineData("Production", null, "http://203.0.113.10/hook", false)]
    [InlineData("Production", null, "http://[2001:db8::1]/hook", false)]
    [InlineData("Production", null, "http://8.8.4.4/hook", false)]
    [InlineData("Production", null, "http://8.8.8.8/hook", true)]
    [InlineData("Production", "true", "http://10.0.0.7/hook", true)]
    [InlineData("Production", "true", "http://127.0.0.1/hook", true)]
    [InlineData("Production", "true", "http://169.254.169.254/", false)]
    [InlineData("Production", "true", "http://203.0.113.10/hook", false)]
    public async Task WhatATargetMayBeDependsOnTheModeAndTheSetting(string mode, string? setting, string url, bool allowed)
    {
        var builder = WebApplication.CreateEmptyBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mpesa:Mode"] = mode,
            ["Webhooks:AllowPrivateNetworks"] = setting,
        });
        builder.Services.Configure<MpesaOptions>(builder.Configuration.GetSection(MpesaOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPortalWebhooks();
        // As if 8.8.4.4 were this server's own public interface address.
        builder.Services.AddSingleton<ServerInterfaceAddresses>(new OwnAddresses(IPAddress.Parse("8.8.4.4")));
        using var services = builder.Services.BuildServiceProvider();

        var refusal = await services.GetRequiredService<WebhookTargetGuard>().RefusalAsync(url, TestContext.Current.CancellationToken);

        Assert.True(allowed == refusal is null, refusal ?? "allowed");
    }

    [Fact]
    public void SaysWhyAnAddressIsRefused()
    {
        Assert.Equal(AddressKind.Documentation, WebhookAddresses.Classify(IPAddress.Parse("198.51.100.1")));
        Assert.Equal(AddressKind.LinkLocal, WebhookAddresses.Classify(IPAddress.Parse("::ffff:169.254.169.254")));
        Assert.Equal(AddressKind.Loopback, WebhookAddresses.Classify(IPAddress.Parse("127.0.0.2")));
        Assert.Equal(AddressKind.Public, WebhookAddresses.Classify(IPAddress.Parse("1.1.1.1")));
    }

    [Fact]
    public void TheServersOwnAddressesAreReadFromItsInterfaces() =>
        Assert.True(new ServerInterfaceAddresses(TimeProvider.System).Contains(IPAddress.Loopback));

    private sealed class OwnAddresses(IPAddress own) : ServerInterfaceAddresses(TimeProvider.System)
    {
        public override bool Contains(IPAddress address) => address.Equals(own);
    }
}
