using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>Callbacks come quickly, the reconciler asks about what they did not settle after a few seconds; no push limit.</summary>
public class LoadApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "0.05",
        ["Mpesa:Reconcile:AfterSeconds"] = "5",
        ["RateLimits:StkPerMinute"] = "100000",
    };
}

public sealed class SqliteLoadApp() : LoadApp(DatabaseProvider.Sqlite);

public sealed class PostgresLoadApp() : LoadApp(DatabaseProvider.Postgres);

public abstract class SimulatorLoadTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : LoadApp
{
    private const int Pushes = 300;

    [Fact]
    public async Task ThreeHundredConcurrentPushesAllSettleAndThePortalKeepsAnswering()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        using var http = new HttpClient { BaseAddress = app.BaseUri, Timeout = TimeSpan.FromMinutes(3) };
        using var api = new ApiClient(http);

        var answers = await Task.WhenAll(Enumerable.Range(0, Pushes).Select(i => Task.Run(() =>
            api.PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", $"{10 + i}")))));

        Assert.All(answers, a => a.AssertOk());
        var ids = answers.Select(a => a.Data.GetProperty("transaction_id").GetString()!).ToList();
        var pending = ids.Count;
        for (var i = 0; i < 1200 && pending > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            pending = await app.WithDbAsync(db => db.Transactions.CountAsync(t => ids.Contains(t.PublicId) && t.Status == TransactionStatuses.Pending));
        }

        Assert.Equal(0, pending);

        // The callback worker kept going: it sent every callback, once. On a loaded machine the reconciler may settle a
        // payment before its callback has been answered, so the sends are awaited rather than read at once.
        var checkouts = await app.WithDbAsync(db => db.Transactions.Where(t => ids.Contains(t.PublicId)).Select(t => t.CheckoutRequestId!).ToListAsync());
        for (var i = 0; i < 600 && checkouts.Any(c => app.Simulator.CallbackAttempts(c) < 1); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.All(checkouts, c => Assert.Equal(1, app.Simulator.CallbackAttempts(c)));
        using var health = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        (await merchant.Api.GetAsync("me")).AssertOk();
    }
}

public sealed class SqliteSimulatorLoadTests(SqliteLoadApp app) : SimulatorLoadTests<SqliteLoadApp>(app);

public sealed class PostgresSimulatorLoadTests(PostgresLoadApp app) : SimulatorLoadTests<PostgresLoadApp>(app);
