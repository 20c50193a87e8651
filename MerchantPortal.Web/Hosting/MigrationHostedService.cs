using MerchantPortal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Applies the provider's migrations (unless <c>Database:MigrateOnStart</c> is false), then the billing setup and the
/// first administrator from configuration, before the server starts listening (and before the <c>create-admin</c> and
/// <c>migrate</c> commands do their work).
/// </summary>
public sealed class MigrationHostedService(
    IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<DatabaseOptions> options, ILogger<MigrationHostedService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(options.Value.MigrateOnStart, cancellationToken);

    /// <param name="migrate">Apply pending migrations; without, an out-of-date database is left for a migrate job.</param>
    /// <returns>The migrations still pending (none once migrated).</returns>
    public async Task<IReadOnlyList<string>> RunAsync(bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one request writes; it persists in the file.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0 && !migrate)
        {
            // The setup below writes to the new schema: it waits for the migrate job, and /healthz/ready says why.
            logger.LogWarning("{Count} migration(s) pending and Database:MigrateOnStart is false: run the migrate command. Pending: {Migrations}",
                pending.Count, string.Join(", ", pending));
            return pending;
        }

        // An up-to-date database skips MigrateAsync: its lock and its model check cost a few hundred ms of every start.
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<Features.Subscriptions.BillingSetup>().RunAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Features.Admin.AdminSetup>().RunAsync(cancellationToken);
        return [];
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
