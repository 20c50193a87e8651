using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MerchantPortal.Web.Tests.Integration.Api;

public sealed class HealthTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task HealthzAnswers503AndTheApiItsEnvelopeOnceTheDatabaseIsGone()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        using var http = app.NewClient();
        using (var healthy = await http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        var connection = await app.WithDbAsync(db => Task.FromResult(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())));
        var database = connection.Database!;
        connection.Database = "postgres";
        await using (var admin = new NpgsqlConnection(connection.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var unhealthy = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        // An API call that hits the dead database still answers in the envelope, with a correlation id.
        var failed = await app.NewApi().GetAsync("me", ("api_key", key));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("internal_error", failed.Code);
        Assert.True(failed.Body.TryGetProperty("correlation_id", out _));
    }
}
