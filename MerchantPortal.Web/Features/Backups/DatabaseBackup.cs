using System.Diagnostics;
using System.Security.Cryptography;
using MerchantPortal.Web.Features.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MerchantPortal.Web.Features.Backups;

/// <summary>Which database a backup is taken from or restored into.</summary>
public sealed record BackupTarget(bool IsPostgres, string ConnectionString, string? PostgresBin = null);

/// <summary>
/// Backups of the whole database (issue 15): PostgreSQL through <c>pg_dump</c> in its custom format (restored by
/// <c>pg_restore</c>), SQLite through SQLite's online backup API (a consistent copy while the portal runs). With a
/// passphrase the file is sealed with AES-256-GCM under a key derived by PBKDF2-SHA256 (600,000 rounds, random
/// salt): <c>MPBACKUP1</c>, salt, nonce, tag, then the sealed bytes. The file is read into memory to seal or open it.
/// </summary>
public static class DatabaseBackup
{
    private static readonly byte[] Magic = "MPBACKUP1"u8.ToArray();
    private const int Rounds = 600_000;

    public static async Task<Result<long>> BackupAsync(BackupTarget target, string output, string? passphrase, CancellationToken cancellationToken)
    {
        var plain = Path.GetTempFileName();
        try
        {
            if (target.IsPostgres)
            {
                var dumped = await RunAsync(target, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", plain], cancellationToken);
                if (!dumped.Succeeded)
                {
                    return dumped.Error!;
                }
            }
            else
            {
                await using var source = new SqliteConnection(target.ConnectionString);
                await source.OpenAsync(cancellationToken);
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = plain, Pooling = false }.ConnectionString);
                await copy.OpenAsync(cancellationToken);
                source.BackupDatabase(copy);
            }

            var bytes = await File.ReadAllBytesAsync(plain, cancellationToken);
            await File.WriteAllBytesAsync(output, string.IsNullOrEmpty(passphrase) ? bytes : Seal(bytes, passphrase), cancellationToken);
            return new FileInfo(output).Length;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(plain);
        }
    }

    /// <summary>Restores into the target; refused when it already holds tables, unless <paramref name="force"/>.</summary>
    public static async Task<Result<bool>> RestoreAsync(
        BackupTarget target, string input, string? passphrase, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(input))
        {
            return ServiceError.NotFound("backup_not_found", $"No backup file at {input}.");
        }

        var bytes = await File.ReadAllBytesAsync(input, cancellationToken);
        if (bytes.AsSpan().StartsWith(Magic))
        {
            if (string.IsNullOrEmpty(passphrase))
            {
                return ServiceError.Invalid("passphrase_required", "This backup is encrypted: give its --passphrase.");
            }

            var opened = Open(bytes, passphrase);
            if (opened is null)
            {
                return ServiceError.Invalid("wrong_passphrase", "The passphrase does not open this backup (or the file is damaged).");
            }

            bytes = opened;
        }

        if (!force && await HoldsTablesAsync(target, cancellationToken))
        {
            return ServiceError.Conflict("database_not_empty", "The database already holds tables: restore into an empty one, or give --force to replace it.");
        }

        var plain = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(plain, bytes, cancellationToken);
            if (target.IsPostgres)
            {
                var database = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database ?? "";
                var restored = await RunAsync(target, "pg_restore",
                    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", database, plain],
                    cancellationToken);
                return restored.Succeeded ? true : restored.Error!;
            }

            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = plain, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
            await source.OpenAsync(cancellationToken);
            await using var destination = new SqliteConnection(target.ConnectionString);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            return true;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(plain);
        }
    }

    private static async Task<bool> HoldsTablesAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        if (target.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))! > 0;
        }

        await using var sqlite = new SqliteConnection(target.ConnectionString);
        await sqlite.OpenAsync(cancellationToken);
        await using var tables = sqlite.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return (long)(await tables.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>pg_dump or pg_restore against the target, its connection given by PG* variables (never on the command line).</summary>
    private static async Task<Result<bool>> RunAsync(BackupTarget target, string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var program = string.IsNullOrWhiteSpace(target.PostgresBin) ? tool : Path.Combine(target.PostgresBin, tool);
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PGHOST"] = builder.Host ?? "localhost";
        info.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGDATABASE"] = builder.Database ?? "";
        info.Environment["PGUSER"] = builder.Username ?? "";
        if (!string.IsNullOrEmpty(builder.Password))
        {
            info.Environment["PGPASSWORD"] = builder.Password;
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ServiceError.Conflict("tool_missing",
                $"{tool} was not found: install PostgreSQL's client tools (the same major version as the server), or set Backup:PostgresBin to their folder.");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? true
                : ServiceError.Conflict("tool_failed", $"{tool} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }

    private static byte[] Seal(byte[] plain, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var sealedBytes = new byte[plain.Length];
        using (var aes = new AesGcm(Key(passphrase, salt), tag.Length))
        {
            aes.Encrypt(nonce, plain, sealedBytes, tag);
        }

        return [.. Magic, .. salt, .. nonce, .. tag, .. sealedBytes];
    }

    private static byte[]? Open(byte[] file, string passphrase)
    {
        var at = Magic.Length;
        if (file.Length < at + 16 + 12 + 16)
        {
            return null;
        }

        var salt = file.AsSpan(at, 16);
        var nonce = file.AsSpan(at + 16, 12);
        var tag = file.AsSpan(at + 28, 16);
        var sealedBytes = file.AsSpan(at + 44);
        var plain = new byte[sealedBytes.Length];
        try
        {
            using var aes = new AesGcm(Key(passphrase, salt.ToArray()), 16);
            aes.Decrypt(nonce, sealedBytes, tag, plain);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] Key(string passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, Rounds, HashAlgorithmName.SHA256, 32);
}
