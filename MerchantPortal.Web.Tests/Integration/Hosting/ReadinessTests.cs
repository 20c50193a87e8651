using System.Net;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>An instance of a rolling upgrade: it does not migrate at start, and its database has never been migrated.</summary>
public class NoMigrateOnStartApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:MigrateOnStart"] = "false",
    };
}

public sealed class SqliteNoMigrateOnStartApp() : NoMigrateOnStartApp(DatabaseProvider.Sqlite);

public sealed class PostgresNoMigrateOnStartApp() : NoMigrateOnStartApp(DatabaseProvider.Postgres);

/// <summary>
/// <c>/healthz/live</c>, <c>/healthz/ready</c> and the <c>migrate</c> command (issue 15): an instance started on an
/// unmigrated database is alive but not ready until one migrate job has run; <c>/healthz</c> answers as before.
/// </summary>
public abstract class ReadinessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : NoMigrateOnStartApp
{
    [Fact]
    public async Task AnInstanceOnAnUnmigratedDatabaseIsAliveButNotReadyUntilTheMigrateCommandRuns()
    {
        using var http = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz/live"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/healthz/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));

        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await MigrateCommand.RunAsync(app.Services, output, error, TestContext.Current.CancellationToken));
        Assert.Contains("up to date", output.ToString());
        Assert.Equal("", error.ToString());

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz/live"));
        // Migrated, it takes merchants; a second run has nothing to do.
        await TestMerchant.RegisterAsync(app);
        Assert.Equal(0, await MigrateCommand.RunAsync(app.Services, output, error, TestContext.Current.CancellationToken));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }
}

public sealed class SqliteReadinessTests(SqliteNoMigrateOnStartApp app) : ReadinessTests<SqliteNoMigrateOnStartApp>(app);

public sealed class PostgresReadinessTests(PostgresNoMigrateOnStartApp app) : ReadinessTests<PostgresNoMigrateOnStartApp>(app);

/// <summary>A stopping instance says it is not ready, so the load balancer drains it while its requests finish.</summary>
public sealed class ShuttingDownCheckTests
{
    [Fact]
    public async Task ReadyUntilTheHostStartsStoppingThenNot()
    {
        var lifetime = new Lifetime();
        var check = new ShuttingDownCheck(lifetime);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        lifetime.StopApplication();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Equal("Shutting down.", stopping.Description);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => stopping.Cancel();
    }
}
