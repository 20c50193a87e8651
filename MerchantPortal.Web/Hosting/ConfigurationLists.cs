using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// List settings (addresses, shortcodes) read in either form an operator writes them: indexed
/// (<c>App__TrustedProxies__0=10.0.0.5</c>) or as one value separated by commas, semicolons or spaces
/// (<c>App__TrustedProxies=10.0.0.5,10.0.0.6</c>). The configuration binder alone ignores the second form silently,
/// which for a security setting means a proxy that is quietly not trusted, or callbacks quietly not restricted.
/// </summary>
public static class ConfigurationLists
{
    private static readonly char[] Separators = [',', ';', ' '];

    /// <summary>Reads the lists from the app's final configuration (the one the options were bound from).</summary>
    public static IServiceCollection AddListSettings(this IServiceCollection services)
    {
        services.AddOptions<AppOptions>().PostConfigure<IConfiguration>((o, configuration) =>
            o.TrustedProxies = Read(configuration, "App:TrustedProxies"));
        services.AddOptions<MpesaOptions>().PostConfigure<IConfiguration>((o, configuration) =>
        {
            o.CallbackAllowedIps = Read(configuration, "Mpesa:CallbackAllowedIps");
            o.Simulator.ShortCodes = Read(configuration, "Mpesa:Simulator:ShortCodes");
        });
        return services;
    }

    public static List<string> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        // A parent key may read as "" beside its indexed children, depending on the provider: children win then.
        var values = string.IsNullOrWhiteSpace(section.Value) ? section.GetChildren().Select(c => c.Value) : [section.Value];
        return [.. values.SelectMany(v => (v ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
