using MerchantPortal.Web.Features.Backups;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// <c>backup [--output FILE] [--passphrase TEXT]</c> and <c>restore --input FILE [--passphrase TEXT] [--force]</c>, run
/// like <c>migrate</c> with the server's configuration: the whole database to a file (PostgreSQL by pg_dump, SQLite by
/// its online backup API), sealed when a passphrase is given (or the BACKUP_PASSPHRASE variable, which keeps it out
/// of the process list), and back. Restore refuses a database that already holds tables unless --force. Exit 0 when
/// done, 1 with the reason.
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not (Backup or Restore))
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services.GetRequiredService<IConfiguration>(), args, Console.Out, Console.Error, CancellationToken.None);
        return true;
    }

    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var command = args[0];
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--force")
            {
                options[name] = "true";
            }
            else if (name is "--output" or "--input" or "--passphrase" && i + 1 < args.Count)
            {
                options[name] = args[++i];
            }
            else
            {
                await error.WriteLineAsync($"{command}: unexpected argument '{name}'. Usage: backup [--output FILE] [--passphrase TEXT] | restore --input FILE [--passphrase TEXT] [--force]");
                return 1;
            }
        }

        var passphrase = options.GetValueOrDefault("--passphrase") ?? Environment.GetEnvironmentVariable("BACKUP_PASSPHRASE");
        var target = Target(configuration);
        try
        {
            if (command == Backup)
            {
                var file = options.GetValueOrDefault("--output") ?? $"merchantportal-{DateTime.UtcNow:yyyyMMdd-HHmmss}.backup";
                var written = await DatabaseBackup.BackupAsync(target, file, passphrase, cancellationToken);
                if (!written.Succeeded)
                {
                    await error.WriteLineAsync($"{command}: {written.Error!.Message}");
                    return 1;
                }

                await output.WriteLineAsync($"{command}: wrote {file} ({written.Value:N0} bytes{(string.IsNullOrEmpty(passphrase) ? ", not encrypted" : ", encrypted")}).");
                return 0;
            }

            if (options.GetValueOrDefault("--input") is not { } input)
            {
                await error.WriteLineAsync($"{command}: --input FILE is required.");
                return 1;
            }

            var restored = await DatabaseBackup.RestoreAsync(target, input, passphrase, options.ContainsKey("--force"), cancellationToken);
            if (!restored.Succeeded)
            {
                await error.WriteLineAsync($"{command}: {restored.Error!.Message}");
                return 1;
            }

            await output.WriteLineAsync($"{command}: restored {input}. Start the portal (or run migrate) to bring the schema up to this version.");
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{command}: failed: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    /// <summary>The database the server would use: the same provider and connection string.</summary>
    public static BackupTarget Target(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = configuration.GetConnectionString("Default");
        return new BackupTarget(
            database.IsPostgres,
            string.IsNullOrWhiteSpace(connection) ? DataServiceCollectionExtensions.DefaultSqliteConnection : connection,
            configuration["Backup:PostgresBin"]);
    }
}
