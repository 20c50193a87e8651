using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>The app with appsettings.json's log levels, as shipped (the test apps otherwise log at Warning).</summary>
public class ShippedLoggingApp(DatabaseProvider provider) : PortalApp(provider)
{
    public LogCapture Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => ShippedLevels();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);

    protected static Dictionary<string, string?> ShippedLevels() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(SourceTree.WebProject(), "appsettings.json")).Build()
            .GetSection("Logging:LogLevel").AsEnumerable().Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value);
}

/// <summary>As shipped, with the one line per request an operator can turn on.</summary>
public class RequestLinesApp(DatabaseProvider provider) : ShippedLoggingApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(ShippedLevels()) { ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Information" };
}

public sealed class SqliteShippedLoggingApp() : ShippedLoggingApp(DatabaseProvider.Sqlite);

public sealed class PostgresShippedLoggingApp() : ShippedLoggingApp(DatabaseProvider.Postgres);

public sealed class SqliteRequestLinesApp() : RequestLinesApp(DatabaseProvider.Sqlite);

public sealed class PostgresRequestLinesApp() : RequestLinesApp(DatabaseProvider.Postgres);

/// <summary>What a payment writes to the log by default: its push and its outcome, not every HTTP exchange.</summary>
public abstract class ShippedLoggingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ShippedLoggingApp
{
    [Fact]
    public async Task APaymentLogsItsPushAndItsOutcomeAndNoLinePerRequest()
    {
        var (id, rowId) = await PayAsync(app);

        var outcome = await Logged.WaitForAsync(app.Logs, $"Payment {rowId} moved from pending to succeeded");

        Assert.StartsWith("Information", outcome, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.Contains($"STK push {id} accepted", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("Simulator callback", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("/sim/daraja", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIdempotentReplayIsAnsweredWithoutAnErrorInTheLog()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        var idempotencyKey = Guid.NewGuid().ToString();
        async Task<string> PushAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/index.php")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent("api_stk"), "action" }, { new StringContent(phone), "phone" }, { new StringContent("32"), "amount" },
                },
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return (await merchant.Api.SendAsync(request)).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        }

        var first = await PushAsync();
        var replayed = await PushAsync();

        Assert.Equal(first, replayed);
        // The replay meets the first request's claim as a unique violation, which is how it is found: not a failure.
        Assert.DoesNotContain(app.Logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) && e.Contains("IdempotencyRecords", StringComparison.Ordinal));
    }

    internal static async Task<(string Id, long RowId)> PayAsync(PortalApp app)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "31"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString());
        var rowId = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == id).Select(t => t.Id).SingleAsync());
        return (id, rowId);
    }
}

/// <summary>With request lines on, the portal's own requests are logged and the simulator's never are.</summary>
public abstract class RequestLineLoggingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RequestLinesApp
{
    [Fact]
    public async Task ThePortalsRequestsAreLoggedAndTheSimulatorsAreNot()
    {
        var (_, rowId) = await ShippedLoggingTests<TApp>.PayAsync(app);
        await Logged.WaitForAsync(app.Logs, $"Payment {rowId} moved from pending to succeeded");

        var requests = app.Logs.Entries.Where(e => e.Contains("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();

        Assert.Contains(requests, e => e.Contains("/index.php", StringComparison.Ordinal));
        Assert.Contains(requests, e => e.Contains("/hooks/stk/[redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("/sim/daraja", StringComparison.Ordinal));
    }
}

internal static class Logged
{
    /// <summary>The first entry containing <paramref name="text"/>, waiting for it: a line may follow the answer.</summary>
    public static async Task<string> WaitForAsync(LogCapture logs, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (logs.Entries.FirstOrDefault(e => e.Contains(text, StringComparison.Ordinal)) is { } entry)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"\"{text}\" was not logged. The log:\n" + string.Join("\n", logs.Entries));
    }
}

public sealed class SqliteShippedLoggingTests(SqliteShippedLoggingApp app) : ShippedLoggingTests<SqliteShippedLoggingApp>(app);

public sealed class PostgresShippedLoggingTests(PostgresShippedLoggingApp app) : ShippedLoggingTests<PostgresShippedLoggingApp>(app);

public sealed class SqliteRequestLineLoggingTests(SqliteRequestLinesApp app) : RequestLineLoggingTests<SqliteRequestLinesApp>(app);

public sealed class PostgresRequestLineLoggingTests(PostgresRequestLinesApp app) : RequestLineLoggingTests<PostgresRequestLinesApp>(app);
