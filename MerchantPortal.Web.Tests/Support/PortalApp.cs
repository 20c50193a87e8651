using System.Text.RegularExpressions;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MerchantPortal.Web.Tests.Support;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The portal on a real Kestrel port with its own database (a unique SQLite file or a uniquely named
/// PostgreSQL database) and its own email pickup folder, both dropped when the fixture is disposed. Simulated
/// M-Pesa answers quickly.
/// </summary>
public class PortalApp(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string connectionString = "";
    private string? postgresAdmin;
    private string? databaseName;
    private string? sqliteFile;

    public DatabaseProvider Provider => provider;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>
    /// Where this app writes its emails: its own folder, so a test can read what it was sent and no test writes
    /// into the project's App_Data (subscription reminders go out whenever a test clock passes an end date).
    /// </summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("mp-mail-").FullName;

    public DarajaSimulatorState Simulator => Services.GetRequiredService<DarajaSimulatorState>();

    /// <summary>Extra configuration for a fixture that needs other settings.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The database this app uses (for a second instance on the same one).</summary>
    public string ConnectionString => connectionString;

    /// <summary>Set by a fixture that joins another app's database instead of making its own.</summary>
    protected virtual string? SharedConnectionString => null;

    public async ValueTask InitializeAsync()
    {
        if (SharedConnectionString is { } shared)
        {
            connectionString = shared;
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.GetAsync();
            postgresAdmin = server.ConnectionString;
            databaseName = "mp_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(postgresAdmin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = databaseName }.ConnectionString;
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"mp-test-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={sqliteFile}";
        }

        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public HttpClient NewClient() => new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new(), AllowAutoRedirect = false })
    {
        BaseAddress = BaseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public ApiClient NewApi() => new(NewClient());

    /// <summary>A scope for reading the database directly in assertions.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>The emails written to <paramref name="to"/> so far, oldest first.</summary>
    public IReadOnlyList<string> MailTo(string to) =>
        [.. Directory.GetFiles(MailFolder, "*.eml").Order().Select(File.ReadAllText)
            .Where(m => m.Contains($"\r\nTo: {to}\r\n", StringComparison.OrdinalIgnoreCase))];

    /// <summary>The last link to <paramref name="path"/> emailed to <paramref name="to"/>, as a path and query.</summary>
    public async Task<string> WaitForLinkAsync(string to, string path)
    {
        for (var i = 0; i < 50; i++)
        {
            var link = MailTo(to).SelectMany(m => Regex.Matches(m, "https?://\\S+").Select(x => x.Value))
                .LastOrDefault(l => l.Contains(path, StringComparison.Ordinal));
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email to {to} with a link to {path} in {MailFolder}.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (postgresAdmin is not null && databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = connectionString,
            ["App:PublicBaseUrl"] = "",
            ["Mpesa:Mode"] = "Simulator",
            ["Email:PickupDirectory"] = MailFolder,
            ["Mpesa:Simulator:CallbackDelaySeconds"] = "0.2",
            ["Mpesa:Reconcile:AfterSeconds"] = "1",
            ["Mpesa:Reconcile:RetrySeconds"] = "0.5",
            ["Mpesa:Reconcile:PollSeconds"] = "0.25",
            // Off unless a test runs a pass itself (PullTransactionsWorker.PullAllAsync): a pass pulls every account.
            ["Mpesa:PullWorker"] = "false",
            ["RateLimits:FailedLoginsPerMinute"] = "100000",
            ["RateLimits:RegistrationsPerMinute"] = "100000",
            ["RateLimits:StkPerMinute"] = "100000",
            ["RateLimits:PayLinkPerMinute"] = "100000",
            ["RateLimits:PayLinkPerPhonePerMinute"] = "100000",
            // As outside Simulator mode, where it is required: the key ring is encrypted at rest.
            ["DataProtection:Certificate:Path"] = TestCertificates.KeyRing.Path,
            ["DataProtection:Certificate:Password"] = TestCertificates.KeyRing.Password,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(ConfigureServices);
    }

    /// <summary>Replaces services for a fixture that needs to (a test clock, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

public sealed class SqliteApp() : PortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : PortalApp(DatabaseProvider.Postgres);
