using Microsoft.Playwright;

namespace MerchantPortal.Web.Tests.Browser;

/// <summary>
/// Debian's chromium driven by Playwright (Playwright's own browser download cannot work here):
/// <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c>, default <c>/usr/bin/chromium</c>. One browser per test class;
/// each test gets its own context (cookies, storage).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {executable} (Debian: apt-get install chromium).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>
    /// Runs a journey in a fresh context (in <paramref name="locale"/>'s language when given); on failure keeps a
    /// screenshot under TestResults/browser.
    /// </summary>
    public async Task RunAsync(Uri baseUri, string name, Func<IPage, Task> journey, string? locale = null)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            // The browser's language: its Accept-Language, as a customer's phone set to Swahili sends.
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        // Chromium reports what the Content-Security-Policy blocked on the console: any of it is a broken page.
        var blocked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Enqueue(message.Text);
            }
        };
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
            Assert.True(blocked.IsEmpty, "The Content-Security-Policy blocked:\n" + string.Join("\n", blocked));
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
    }
}
