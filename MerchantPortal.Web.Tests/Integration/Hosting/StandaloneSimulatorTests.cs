using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>A portal in Simulator mode whose Daraja is the standalone simulator (simulate-daraja) at <paramref name="daraja"/>.</summary>
public sealed class StandaloneDarajaPortal(DatabaseProvider provider, Uri daraja) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = daraja.ToString(),
    };
}

/// <summary>simulate-daraja: the simulator as a process of its own, built by the command's own code.</summary>
public abstract class StandaloneSimulatorTests(DatabaseProvider provider)
{
    [Fact]
    public async Task AnApiPaymentPushedThroughTheStandaloneSimulatorSettlesThroughItsHttpCallbackToThePortal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var simulator = SimulatorCommand.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Testing", "--Mpesa:Simulator:CallbackDelaySeconds=0.2"]);
        await simulator.StartAsync(ct);
        var standalone = simulator.Services.GetRequiredService<DarajaSimulatorState>();

        await using var portal = new StandaloneDarajaPortal(provider, new Uri(simulator.Urls.First()));
        await portal.InitializeAsync();
        var merchant = await TestMerchant.RegisterAsync(portal);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();

        var id = (await portal.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id)).GetProperty("status").GetString());
        var (checkout, kinds) = await portal.WithDbAsync(async db =>
        {
            var txn = await db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id, ct);
            var events = await db.TransactionEvents.AsNoTracking().Where(e => e.TransactionId == txn.Id).Select(e => e.Kind).ToListAsync(ct);
            return (txn.CheckoutRequestId!, events);
        });
        Assert.Contains(TransactionEventKinds.Callback, kinds);
        Assert.Equal(1, standalone.CallbacksDelivered(checkout));
        Assert.Empty(portal.Simulator.Sessions);
    }

    [Fact]
    public async Task TheStandaloneSimulatorCallsBackOnlyAnStkOrC2BCallbackPathOnThisMachine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var simulator = SimulatorCommand.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing"]);
        await simulator.StartAsync(ct);
        var targets = simulator.Services.GetRequiredService<SimulatorCallbackTargets>();

        Assert.True(targets.IsPortalCallback("http://127.0.0.1:5080/hooks/stk/abc"));
        Assert.True(targets.IsPortalCallback("http://localhost:41234/hooks/stk/abc"));
        Assert.False(targets.IsPortalCallback("http://127.0.0.1:5080/index.php"));
        Assert.False(targets.IsPortalCallback("http://127.0.0.1:5080/hooks/stk/abc?next=1"));
        Assert.False(targets.IsPortalCallback("http://169.254.169.254/hooks/stk/abc"));
        Assert.False(targets.IsPortalCallback("https://example.com/hooks/stk/abc"));
        Assert.True(targets.IsPortalC2BCallback("http://127.0.0.1:5080/hooks/c2b/abc/confirmation", validation: false));
        Assert.True(targets.IsPortalC2BCallback("http://localhost:41234/hooks/c2b/abc/validation", validation: true));
        Assert.False(targets.IsPortalC2BCallback("http://127.0.0.1:5080/hooks/c2b/abc/validation", validation: false));
        Assert.False(targets.IsPortalC2BCallback("http://127.0.0.1:5080/hooks/stk/abc", validation: false));
        Assert.False(targets.IsPortalC2BCallback("https://example.com/hooks/c2b/abc/confirmation", validation: false));
        Assert.False(targets.IsPortalCallback("http://127.0.0.1:5080/hooks/c2b/abc/confirmation"));
    }
}

public sealed class SqliteStandaloneSimulatorTests() : StandaloneSimulatorTests(DatabaseProvider.Sqlite);

public sealed class PostgresStandaloneSimulatorTests() : StandaloneSimulatorTests(DatabaseProvider.Postgres);
