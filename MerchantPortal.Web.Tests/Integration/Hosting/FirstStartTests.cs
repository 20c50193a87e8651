using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// A fresh clone's first start: a new SQLite file, the simulator, no key-ring certificate (as `dotnet run` has),
/// logging at Information as the shipped settings do.
/// </summary>
public sealed class FirstStartApp() : PortalApp(DatabaseProvider.Sqlite)
{
    public LogCapture Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DataProtection:Certificate:Path"] = "",
        ["DataProtection:Certificate:Password"] = "",
        ["Logging:LogLevel:Default"] = "Information",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}

public sealed class FirstStartTests(FirstStartApp app) : IClassFixture<FirstStartApp>
{
    [Fact]
    public async Task AFirstStartSaysWhereToOpenThePortalAndThatNoRealMoneyMoves()
    {
        var ready = await WaitForAsync(e => e.Contains("MerchantPortal is ready: open ", StringComparison.Ordinal));

        Assert.Contains($":{app.BaseUri.Port}", ready);
        Assert.Contains(app.Logs.Entries, e => e.Contains("M-Pesa is simulated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFirstStartOnAFreshDatabaseLogsNoWarning()
    {
        await WaitForAsync(e => e.Contains("MerchantPortal is ready", StringComparison.Ordinal));

        var warnings = app.Logs.Entries.Where(e => e.StartsWith("Warning", StringComparison.Ordinal)
            || e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal)).ToList();

        Assert.True(warnings.Count == 0, "A first start warned:\n" + string.Join("\n", warnings));
    }

    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/pay/link_doesnotexist")]
    public async Task ThePortalAndThePayPagesNameAFaviconThatIsServed(string path)
    {
        using var http = app.NewClient();

        // A link that does not exist is a 404 with the pay layout: the page is still read.
        using var response = await http.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();
        using var icon = await http.GetAsync("/favicon.svg");

        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", page);
        Assert.Equal(System.Net.HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:5080", "http://localhost:5080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void AWildcardAddressIsShownAsOneABrowserCanOpen(string listening, string shown) =>
        Assert.Equal(shown, StartupNotice.Openable(listening));

    private async Task<string> WaitForAsync(Func<string, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (app.Logs.Entries.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("Not logged. The log:\n" + string.Join("\n", app.Logs.Entries));
    }
}
