using MerchantPortal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Applies the provider's migrations, then the billing setup and the first administrator from configuration,
/// before the server starts listening (and before the <c>create-admin</c> command does its work).
/// </summary>
public sealed class MigrationHostedService(IServiceScopeFactory scopes, ILogger<MigrationHostedService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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
        // An up-to-date database skips MigrateAsync: its lock and its model check cost a few hundred ms of every start.
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<Features.Subscriptions.BillingSetup>().RunAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Features.Admin.AdminSetup>().RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
