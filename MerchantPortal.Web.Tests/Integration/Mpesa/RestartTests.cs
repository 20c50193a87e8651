using System.Text.Json;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>Plays Daraja for the instances below and owns the database; its own workers stay idle.</summary>
public sealed class DarajaHostApp() : PortalApp(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Reconcile:PollSeconds"] = "100000",
        ["Webhooks:PollSeconds"] = "100000",
    };
}

/// <summary>A portal instance on the host's database and simulator, that can be stopped and replaced.</summary>
public sealed class PortalInstanceApp(DarajaHostApp host) : PortalApp(DatabaseProvider.Postgres)
{
    protected override string? SharedConnectionString => host.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = new Uri(host.BaseUri, "/sim/daraja/").ToString(),
        // Instances share one public address, as behind a load balancer: here the host on the same database plays
        // it, so the callback URL is one the host's simulator serves (it calls back no other address).
        ["App:PublicBaseUrl"] = host.BaseUri.ToString(),
        ["Mpesa:Reconcile:AfterSeconds"] = "2",
        ["Webhooks:PollSeconds"] = "0.1",
    };
}

public sealed class RestartTests(DarajaHostApp host) : IClassFixture<DarajaHostApp>
{
    [Fact]
    public async Task APaymentStartedBeforeARestartStillCompletesAndItsWebhookIsDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string id;
        TestMerchant merchant;
        await using (var before = new PortalInstanceApp(host))
        {
            await before.InitializeAsync();
            merchant = await TestMerchant.RegisterAsync(before);
            await merchant.AddAccountAsync();
            (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("restart")))).AssertOk();
            // No callback ever comes for this phone: only a query after the restart can settle it.
            id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "55"))).AssertOk()
                .Data.GetProperty("transaction_id").GetString()!;
        }

        await using var after = new PortalInstanceApp(host);
        await after.InitializeAsync();
        using var api = after.NewApi();
        (await api.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
        var status = "pending";
        for (var i = 0; i < 150 && status == "pending"; i++)
        {
            await Task.Delay(100);
            status = (await api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction").GetProperty("status").GetString()!;
        }

        Assert.Equal("succeeded", status);
        for (var i = 0; i < 100 && receiver.For("restart").Count == 0; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        var delivered = Assert.Single(receiver.For("restart"));
        Assert.Equal(id, JsonDocument.Parse(delivered.Body).RootElement.GetProperty("data").GetProperty("transaction").GetProperty("id").GetString());
    }
}
