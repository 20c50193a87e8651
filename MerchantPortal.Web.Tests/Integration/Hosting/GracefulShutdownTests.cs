using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// The portal as its own process, stopped as an orchestrator stops it (SIGTERM) while an STK push waits for Daraja:
/// it says it is not ready at once, keeps serving through its drain, finishes the push and records Daraja's answer,
/// then exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly string database = Path.Combine(Path.GetTempPath(), $"mp-shutdown-{Guid.NewGuid():N}.db");
    private readonly string mail = Directory.CreateTempSubdirectory("mp-shutdown-mail-").FullName;
    private Process? portal;

    [Fact]
    public async Task OnSigtermAPushInFlightIsFinishedAndRecordedBeforeTheProcessExits()
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        portal = Start(address);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WaitReadyAsync(http);
        var api = new ApiClient(http);
        (await api.PostAsync("register", ("username", "shutdown1"), ("email", "shutdown1@example.com"), ("password", "secret1"))).AssertOk();
        (await api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "600100"))).AssertOk();
        var key = (await api.PostAsync("generate_api_key", ("label", "Till"))).AssertOk().Body.GetProperty("key").GetString()!;

        // The simulator holds this phone's push answer for 4 s (Mpesa:Simulator:Faults:SlowAnswerSeconds).
        var push = new ApiClient(new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) })
            .PostAsync("api_stk", ("api_key", key), ("phone", "0708000012"), ("amount", "10"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (var kill = Process.Start("kill", ["-TERM", portal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

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
            await portal.WaitForExitAsync(exit.Token);
        }

        Assert.Equal(0, portal.ExitCode);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"CheckoutRequestId\" FROM \"Transactions\" WHERE \"PublicId\" = $id";
        read.Parameters.AddWithValue("$id", id);
        Assert.Equal(checkout, await read.ExecuteScalarAsync());
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (portal is { HasExited: false })
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
        }

        portal?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }

        Directory.Delete(mail, recursive: true);
    }

    private Process Start(string address)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MerchantPortal.Web.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address);
        info.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        info.Environment["Email__PickupDirectory"] = mail;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Mpesa__Simulator__Faults__SlowAnswerSeconds"] = "4";
        info.Environment["Mpesa__Simulator__CallbackDelaySeconds"] = "0.2";
        info.Environment["Mpesa__PullWorker"] = "false";
        info.Environment["App__ShutdownDrainSeconds"] = "2";
        info.Environment["App__ShutdownTimeoutSeconds"] = "20";
        return Process.Start(info)!;
    }

    private async Task WaitReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(portal!.HasExited, "The portal exited during start-up.");
            try
            {
                using var ready = await http.GetAsync("/healthz/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "The portal did not become ready within 90 s.");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
