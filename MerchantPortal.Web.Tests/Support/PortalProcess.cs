using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal as a process of its own (the test output's MerchantPortal.Web.dll) on a free loopback port, with its
/// own SQLite file and mail folder, both removed on dispose: for what only a real process shows (signals, console).
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly string mail = Directory.CreateTempSubdirectory("mp-process-mail-").FullName;
    private readonly List<string> lines = [];
    private readonly Process process;

    private PortalProcess(IReadOnlyDictionary<string, string> settings, int? port = null, IReadOnlyList<string>? command = null)
    {
        Address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MerchantPortal.Web.dll"));
        foreach (var argument in command ?? [])
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        info.Environment["ConnectionStrings__Default"] = $"Data Source={Database}";
        info.Environment["Email__PickupDirectory"] = mail;
        info.Environment["Mpesa__Simulator__CallbackDelaySeconds"] = "0.2";
        info.Environment["Mpesa__PullWorker"] = "false";
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri Address { get; }

    public string Database { get; } = Path.Combine(Path.GetTempPath(), $"mp-process-{Guid.NewGuid():N}.db");

    public Process Process => process;

    /// <summary>What the process wrote to its console so far, a line each.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>
    /// Runs one of the portal's commands (<c>migrate</c>, <c>backup</c>…) with these settings to its end: its exit
    /// code and what it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] command)
    {
        await using var run = new PortalProcess(settings, command: command);
        run.process.Start();
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await run.process.WaitForExitAsync(timeout.Token);
        return (run.process.ExitCode, string.Join('\n', run.Lines));
    }

    /// <summary>
    /// Starts the portal with these settings (environment variables) and waits until /healthz/ready answers 200; on
    /// <paramref name="port"/> when given (an instance started again where it was).
    /// </summary>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var portal = new PortalProcess(settings, port);
        portal.process.Start();
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = portal.Address };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(portal.process.HasExited, "The portal exited during start-up:\n" + string.Join('\n', portal.Lines));
            try
            {
                using var ready = await http.GetAsync("/healthz/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "The portal did not become ready within 90 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>A client of this portal with its own cookie jar.</summary>
    public HttpClient NewClient() => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new() })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>SIGKILL: the instance dies at once, as in a crash or a node lost, with whatever it was doing.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Database)!, Path.GetFileName(Database) + "*"))
        {
            File.Delete(file);
        }

        Directory.Delete(mail, recursive: true);
    }

    private void Keep(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
