using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// The portal as its own process, stopped as an orchestrator stops it (SIGTERM) while an STK push waits for Daraja:
/// it says it is not ready at once, keeps serving through its drain, finishes the push and records Daraja's answer,
/// then exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task OnSigtermAPushInFlightIsFinishedAndRecordedBeforeTheProcessExits()
    {
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            // The simulator holds this phone's push answer for 4 s.
            ["Mpesa__Simulator__Faults__SlowAnswerSeconds"] = "4",
            ["App__ShutdownDrainSeconds"] = "2",
            ["App__ShutdownTimeoutSeconds"] = "20",
        });
        using var http = portal.NewClient();
        var api = new ApiClient(http);
        (await api.PostAsync("register", ("username", "shutdown1"), ("email", "shutdown1@example.com"), ("password", "secret1"))).AssertOk();
        (await api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "600100"))).AssertOk();
        var key = (await api.PostAsync("generate_api_key", ("label", "Till"))).AssertOk().Body.GetProperty("key").GetString()!;

        var push = new ApiClient(portal.NewClient()).PostAsync("api_stk", ("api_key", key), ("phone", "0708000012"), ("amount", "10"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await portal.TerminateAsync();

        await Task.Delay(TimeSpan.FromSeconds(0.5));
        using (var draining = await http.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        }

        var answer = (await push).AssertOk();
        var id = answer.Data.GetProperty("transaction_id").GetString()!;
        var checkout = answer.Data.GetProperty("checkout_request_id").GetString();
        Assert.False(string.IsNullOrEmpty(checkout));

        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await portal.Process.WaitForExitAsync(exit.Token);
        }

        Assert.Equal(0, portal.Process.ExitCode);
        await using var connection = new SqliteConnection($"Data Source={portal.Database};Pooling=False");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"CheckoutRequestId\" FROM \"Transactions\" WHERE \"PublicId\" = $id";
        read.Parameters.AddWithValue("$id", id);
        Assert.Equal(checkout, await read.ExecuteScalarAsync());
    }
}
