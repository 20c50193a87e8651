using MerchantPortal.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// The health endpoints: <c>/healthz/live</c> (the process answers: no check), <c>/healthz/ready</c> (the database
/// answers, its migrations are applied and the instance is not shutting down: a load balancer sends it traffic) and
/// <c>/healthz</c> as before (the database answers).
/// </summary>
public static class ReadinessChecks
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks)
    {
        checks.Services.AddSingleton<MigrationState>();
        return checks
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag])
            .AddCheck<ShuttingDownCheck>("shutdown", tags: [ReadyTag]);
    }

    public static void MapPortalHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", Options(check => !check.Tags.Contains(ReadyTag)));
        app.MapHealthChecks("/healthz/live", Options(_ => false));
        app.MapHealthChecks("/healthz/ready", Options(_ => true));
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}

/// <summary>Whether this instance has seen its database fully migrated (migrations are never taken back while it runs).</summary>
public sealed class MigrationState
{
    public volatile bool Applied;
}

/// <summary>Not ready while migrations are pending (an instance started before the migrate job of an upgrade).</summary>
public sealed class MigrationsAppliedCheck(PortalDbContext db, MigrationState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Applied)
        {
            return HealthCheckResult.Healthy();
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        state.Applied = pending == 0;
        return state.Applied
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending} migration(s) pending: run the migrate command.");
    }
}

/// <summary>Not ready once the host is stopping, so the load balancer stops sending requests while those in flight finish.</summary>
public sealed class ShuttingDownCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Shutting down.")
            : HealthCheckResult.Healthy());
}
