using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>The app's own dispatcher looks once at start, then sleeps: the test runs a dispatcher of its own.</summary>
public class IdleDispatcherApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollSeconds"] = "3600",
    };
}

public sealed class SqliteIdleDispatcherApp() : IdleDispatcherApp(DatabaseProvider.Sqlite);

public sealed class PostgresIdleDispatcherApp() : IdleDispatcherApp(DatabaseProvider.Postgres);

/// <summary>
/// Graceful shutdown releases leases (issue 15): an instance stopping while a merchant's server keeps a delivery
/// waiting hands the delivery back, due at its old time and with no attempt counted, instead of leaving it leased for
/// three timeouts; another instance then sends it at once.
/// </summary>
public abstract class WebhookLeaseReleaseTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : IdleDispatcherApp
{
    [Fact]
    public async Task ADeliveryInFlightWhenTheDispatcherStopsIsHandedBackDueNow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang("slow");
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("slow")))).AssertOk();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "31"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);
        var due = await DeliveryAsync(merchant.PublicId);
        Assert.Equal("pending", due.Status);

        var dispatcher = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.Services);
        await dispatcher.StartAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (receiver.For("slow").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.Single(receiver.For("slow"));
        var leased = await DeliveryAsync(merchant.PublicId);
        Assert.True(leased.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(10), "The delivery in flight is leased for three timeouts.");

        // The stop returns once the lane has handed the delivery back: nothing is left for the process's exit to lose.
        await dispatcher.StopAsync(ct);
        var released = await DeliveryAsync(merchant.PublicId);

        Assert.Equal(due.NextAttemptAt, released.NextAttemptAt);
        Assert.Equal("pending", released.Status);
        Assert.Equal(0, released.Attempts);
        dispatcher.Dispose();
    }

    private async Task<(string Status, DateTimeOffset NextAttemptAt, int Attempts)> DeliveryAsync(string merchantPublicId)
    {
        var row = await app.WithDbAsync(db => (from d in db.AllWebhookDeliveries.AsNoTracking()
                                               join u in db.Users on d.MerchantId equals u.Id
                                               where u.PublicId == merchantPublicId
                                               select new { d.Status, d.NextAttemptAt, d.Attempts }).SingleAsync());
        return (row.Status, row.NextAttemptAt, row.Attempts);
    }
}

public sealed class SqliteWebhookLeaseReleaseTests(SqliteIdleDispatcherApp app) : WebhookLeaseReleaseTests<SqliteIdleDispatcherApp>(app);

public sealed class PostgresWebhookLeaseReleaseTests(PostgresIdleDispatcherApp app) : WebhookLeaseReleaseTests<PostgresIdleDispatcherApp>(app);
