using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// The backup and restore commands (issue 15): a backup of a portal with a merchant's payment, key and link,
/// encrypted; restored into an empty database (the original destroyed), every payment, key and link is there again;
/// a wrong passphrase and a database that is not empty are refused, --force replaces it.
/// </summary>
public abstract class BackupRestoreTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Passphrase = "correct horse battery staple";

    private string lastError = "";

    [Fact]
    public async Task ABackupRestoredIntoAnEmptyDatabaseHasEveryPaymentKeyAndLinkAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        (await merchant.Api.PostAsync("create_link", ("title", "Maziwa"), ("amount", "80"))).AssertOk();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "33"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var original = await SnapshotAsync(app.ConnectionString);
        Assert.Contains(id, original);

        var file = Path.Combine(Path.GetTempPath(), $"mp-backup-{Guid.NewGuid():N}.backup");
        var (empty, drop) = await EmptyDatabaseAsync();
        try
        {
            Assert.Equal(0, await RunAsync(app.ConnectionString, "backup", "--output", file, "--passphrase", Passphrase));
            Assert.DoesNotContain(id, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));

            Assert.Equal(1, await RunAsync(empty, "restore", "--input", file, "--passphrase", "wrong"));
            Assert.True(await RunAsync(empty, "restore", "--input", file, "--passphrase", Passphrase) == 0, lastError);
            Assert.Equal(original, await SnapshotAsync(empty));
            Assert.Contains(Web.Features.Common.Ids.Sha256Hex(key), await SnapshotAsync(empty));

            Assert.Equal(1, await RunAsync(empty, "restore", "--input", file, "--passphrase", Passphrase));
            Assert.Equal(0, await RunAsync(empty, "restore", "--input", file, "--passphrase", Passphrase, "--force"));
            Assert.Equal(original, await SnapshotAsync(empty));
        }
        finally
        {
            File.Delete(file);
            await drop();
        }
    }

    private async Task<int> RunAsync(string connectionString, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = app.Provider.ToString(),
            ["ConnectionStrings:Default"] = connectionString,
            ["Backup:PostgresBin"] = PostgresServer.BinDirectory,
        }).Build();
        var error = new StringWriter();
        var exit = await BackupCommand.RunAsync(configuration, args, new StringWriter(), error, TestContext.Current.CancellationToken);
        lastError = error.ToString();
        Assert.True(exit == 0 || error.ToString().Length > 0, "A refusal says why.");
        return exit;
    }

    /// <summary>Every payment, key and link of the database, in a stable order.</summary>
    private async Task<string> SnapshotAsync(string connectionString)
    {
        const string Query = """
            SELECT 't ' || "PublicId" || ' ' || "Status" || ' ' || "Amount" FROM "Transactions"
            UNION ALL SELECT 'k ' || "KeyHash" FROM "ApiKeys"
            UNION ALL SELECT 'l ' || "PublicId" || ' ' || "Title" FROM "PaymentLinks"
            ORDER BY 1
            """;
        var rows = new List<string>();
        if (app.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Query, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        else
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', rows);
    }

    /// <summary>A database of the fixture's kind with nothing in it, and how to drop it.</summary>
    private async Task<(string ConnectionString, Func<Task> Drop)> EmptyDatabaseAsync()
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"mp-restore-{Guid.NewGuid():N}.db");
            return ($"Data Source={path}", () =>
            {
                SqliteConnection.ClearAllPools();
                File.Delete(path);
                return Task.CompletedTask;
            });
        }

        var name = "mp_restore_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres" }.ConnectionString;
        await PostgresServer.ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return (new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = name }.ConnectionString,
            () => PostgresServer.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    }
}

public sealed class SqliteBackupRestoreTests(SqliteApp app) : BackupRestoreTests<SqliteApp>(app);

public sealed class PostgresBackupRestoreTests(PostgresApp app) : BackupRestoreTests<PostgresApp>(app);
