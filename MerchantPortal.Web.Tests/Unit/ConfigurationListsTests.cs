using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class ConfigurationListsTests
{
    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("10.0.0.5,10.0.0.6")]
    [InlineData(" 10.0.0.5 ; 10.0.0.6 ")]
    [InlineData("10.0.0.5 10.0.0.6")]
    public void AListWrittenAsOneValueIsSplit(string value)
    {
        var read = ConfigurationLists.Read(Config(("App:TrustedProxies", value)), "App:TrustedProxies");

        Assert.Equal(value.Contains("10.0.0.6", StringComparison.Ordinal) ? ["10.0.0.5", "10.0.0.6"] : ["10.0.0.5"], read);
    }

    [Fact]
    public void AnIndexedListIsReadAsIs()
    {
        var read = ConfigurationLists.Read(Config(("App:TrustedProxies:0", "10.0.0.5"), ("App:TrustedProxies:1", "10.0.0.6")), "App:TrustedProxies");

        Assert.Equal(["10.0.0.5", "10.0.0.6"], read);
    }

    [Fact]
    public void TheOptionsSeeTheOneValueFormsOfEveryListSetting()
    {
        var configuration = Config(("App:TrustedProxies", "10.0.0.5,10.0.0.6"), ("Mpesa:CallbackAllowedIps", "196.201.214.200;196.201.214.206"),
            ("Mpesa:Simulator:ShortCodes", "174379"));
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.Configure<AppOptions>(configuration.GetSection(AppOptions.Section));
        services.AddOptions<MpesaOptions>().Bind(configuration.GetSection(MpesaOptions.Section));
        services.AddListSettings();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["10.0.0.5", "10.0.0.6"], provider.GetRequiredService<IOptions<AppOptions>>().Value.TrustedProxies);
        var mpesa = provider.GetRequiredService<IOptions<MpesaOptions>>().Value;
        Assert.Equal(["196.201.214.200", "196.201.214.206"], mpesa.CallbackAllowedIps);
        Assert.Equal(["174379"], mpesa.Simulator.ShortCodes);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
