using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MerchantPortal.Web.Data;

/// <summary>
/// Settings SQLite keeps per connection, not in the file, applied each time one is opened. Without a busy timeout a
/// writer that finds the file locked is retried by Microsoft.Data.Sqlite after a fixed 150 ms sleep, so under many
/// concurrent payments writers queue in 150 ms steps; SQLite's own busy handler retries within a millisecond or two.
/// Under WAL (set once in the file at start), synchronous=NORMAL syncs at checkpoints instead of every commit: a power
/// cut can lose the last commits but never corrupts the file. PostgreSQL is the database for production.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
