using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Modes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MerchantPortal.Web.Hosting;

public static class DataServiceCollectionExtensions
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/merchantportal.db";

    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        builder.Services.Configure<DatabaseOptions>(section);
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Default");

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Default is empty.");
            }

            var postgres = PostgresConnection.WithPoolDefaults(connectionString);
            builder.Services.AddPooledDbContextFactory<PostgresPortalDbContext>(o => o.UseNpgsql(postgres)
                .ConfigureWarnings(w => ExpectedFailuresAtInformation(w)));
            builder.Services.AddScoped<PortalDbContext>(Rent<PostgresPortalDbContext>);
        }
        else
        {
            connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnection : connectionString;
            EnsureSqliteFolder(connectionString, builder.Environment.ContentRootPath);
            // EF rebuilds an SQLite table with "PRAGMA foreign_keys = 0", which cannot run in a transaction, and warns
            // about it on every first start in words that sound like data loss. The rebuilds are EF's own, generated
            // with the migrations, and a failed start is re-run from the last migration recorded; so it is not shown.
            builder.Services.AddPooledDbContextFactory<SqlitePortalDbContext>(o => o
                .UseSqlite(connectionString, s => s.CommandTimeout(30))
                .AddInterceptors(new SqliteConnectionSetup())
                .ConfigureWarnings(w => ExpectedFailuresAtInformation(w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))));
            builder.Services.AddScoped<PortalDbContext>(Rent<SqlitePortalDbContext>);
        }

        builder.Services.AddScoped<DataMode>();

        builder.Services.AddHostedService<MigrationHostedService>();
        builder.AddPortalKeyRing();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database").AddReadinessChecks();
        return builder;
    }

    /// <summary>
    /// A pooled context for one scope, given the scope's <see cref="DataMode"/> (EF's pattern for per-request state in
    /// pooled contexts); the scope's end disposes it, which returns it to the pool.
    /// </summary>
    private static PortalDbContext Rent<TContext>(IServiceProvider services) where TContext : PortalDbContext
    {
        var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        db.Mode = services.GetRequiredService<DataMode>();
        return db;
    }

    private static void EnsureSqliteFolder(string connectionString, string contentRoot)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource, contentRoot));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// EF logs a failed save or command at Error, with its stack, before the exception reaches the code that asked. The
    /// portal expects some: a unique index deciding a race (an Idempotency-Key's replay, a receipt seen twice, two
    /// instances claiming the same work) is an answer, not a failure. So EF says it at Information; a failure nobody
    /// handles is still logged at Error where it ends (the exception handler, a worker's loop).
    /// </summary>
    private static WarningsConfigurationBuilder ExpectedFailuresAtInformation(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Information), (RelationalEventId.CommandError, LogLevel.Information));
}
