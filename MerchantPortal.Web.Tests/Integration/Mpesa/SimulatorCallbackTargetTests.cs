using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>The simulator is anonymous: it must not be a way to make the server POST anywhere but its own callback path.</summary>
public abstract class SimulatorCallbackTargetTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task OnlyThePortalsOwnCallbackPathIsAcceptedAsCallBackUrlAndNothingElseIsEverPosted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var elsewhere = new[]
        {
            receiver.Url("any"),
            new Uri(receiver.BaseUri, "/hooks/stk/abc").ToString(),
            new Uri(app.BaseUri, "/index.php").ToString(),
            new Uri(app.BaseUri, "/hooks/stk/abc?next=1").ToString(),
            new Uri(app.BaseUri, "/hooks/stk/abc/more").ToString(),
            "http://169.254.169.254/hooks/stk/abc",
            "https://example.com/hooks/stk/abc",
        };
        var (client, credentials) = Client();

        foreach (var url in elsewhere)
        {
            var refused = await client.StkPushAsync(credentials, Command(url), TestContext.Current.CancellationToken);
            Assert.True(refused.Failure is { Code: "400.002.02", Message: "Bad Request - Invalid CallBackURL" }, $"{url}: {refused.Failure?.Message ?? "accepted"}");
        }

        var own = await client.StkPushAsync(credentials, Command(new Uri(app.BaseUri, "/hooks/stk/t" + Guid.NewGuid().ToString("N")).ToString()), default);
        var local = await client.StkPushAsync(credentials, Command($"http://localhost:{app.BaseUri.Port}/hooks/stk/t{Guid.NewGuid():N}"), default);

        Assert.True(own.Succeeded, own.Failure?.Message);
        Assert.True(local.Succeeded, local.Failure?.Message);
        for (var i = 0; i < 50 && app.Simulator.CallbackAttempts(own.Value!.CheckoutRequestId) == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, app.Simulator.CallbackAttempts(own.Value!.CheckoutRequestId));
        Assert.Empty(receiver.Received);
    }

    private (DarajaClient Client, DarajaCredentials Credentials) Client()
    {
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;
        return (app.Services.GetRequiredService<DarajaClient>(), new DarajaCredentials(options.ConsumerKey, options.ConsumerSecret, options.Passkey));
    }

    private static StkPushCommand Command(string callbackUrl) =>
        new("CustomerPayBillOnline", "600111", "600111", 10, "254" + TestPhones.Random()[1..], callbackUrl, "INV1", "Payment");
}

public sealed class SqliteSimulatorCallbackTargetTests(SqliteApp app) : SimulatorCallbackTargetTests<SqliteApp>(app);

public sealed class PostgresSimulatorCallbackTargetTests(PostgresApp app) : SimulatorCallbackTargetTests<PostgresApp>(app);
