using System.Runtime.CompilerServices;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// Every host the tests start (each portal fixture, each webhook receiver) would watch its appsettings files for
/// changes, and each watcher takes an inotify instance: a Linux user has 128 by default, and with a hundred hosts
/// alive at once the next one failed to start ("The configured user limit (128) on the number of inotify
/// instances has been reached"). No test edits a settings file while a host runs, so none watches them.
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
