using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// A real PostgreSQL for the tests: <c>PORTAL_TEST_POSTGRES</c> (a connection string to a server you run), or
/// else a throwaway cluster made with initdb/pg_ctl in a temp folder, started once per test run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? shared;
    private readonly string? dataDir;
    private readonly string? binDir;

    private PostgresServer(string connectionString, string? dataDir, string? binDir)
    {
        ConnectionString = connectionString;
        this.dataDir = dataDir;
        this.binDir = binDir;
    }

    /// <summary>Connection string to the server's maintenance database (no Database= part).</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs one statement (CREATE or DROP DATABASE, …) on <paramref name="connectionString"/>'s database.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task StopSharedAsync()
    {
        if (shared is not null)
        {
            await shared.DisposeAsync();
            shared = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dataDir is null || binDir is null)
        {
            return;
        }

        await RunAsync(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], allowFailure: true);
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null);
        }

        var bin = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL is needed for the tests: install the 'postgresql' package (or set PORTAL_TEST_POSTGRES_BIN to the folder with initdb), or set PORTAL_TEST_POSTGRES to a connection string.");
        var dir = Directory.CreateTempSubdirectory("mp-pg-").FullName;
        var port = FreePort();
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["-R", "postgres", dir]);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
        [
            "-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        ]);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Pooling=true;Maximum Pool Size=40", dir, bin);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>PostgreSQL's programs (pg_dump, pg_restore…), as the tests find them; null when none is installed here.</summary>
    public static string? BinDirectory => FindBinDir();

    private static string? FindBinDir()
    {
        var configured = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES_BIN");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var found = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool allowFailure = false)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (IsRoot && file != "chown")
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        else
        {
            info.FileName = file;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}

/// <summary>Stops the throwaway PostgreSQL when the test run ends.</summary>
public sealed class PostgresServerCleanup : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(PostgresServer.StopSharedAsync());
}
