using System.Runtime.CompilerServices;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// Every host the tests start (each portal fixture, each webhook receiver) would take inotify instances, and a Linux
/// user has 128 by default: with a hundred hosts alive at once the next one failed ("The configured user limit (128)
/// on the number of inotify instances has been reached"). Two watchers took them:
/// <list type="bullet">
/// <item>each host's appsettings files: no test edits a settings file while a host runs, so none watches them;</item>
/// <item>each host's web root, watched by <c>asp-append-version</c> on the first page it renders: the web root's file
/// provider polls instead (no inotify; the files never change under a test).</item>
/// </list>
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
