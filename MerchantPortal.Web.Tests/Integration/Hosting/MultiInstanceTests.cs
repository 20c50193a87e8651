using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// Several instances on one PostgreSQL (issue 15), run as an operator runs them: a <c>migrate</c> job, three portal
/// processes with MigrateOnStart off, the standalone Daraja simulator, and a round-robin proxy in front (its address
/// is the portals' PublicBaseUrl, so Daraja's callbacks land on any instance). Payments go through the proxy with
/// idempotency keys, retried as a client retries a 502; in the middle one instance is killed with SIGKILL and started
/// again. Runs alone with <c>dotnet test --filter Category=MultiInstance</c>.
/// </summary>
[Trait("Category", "MultiInstance")]
[Collection(nameof(MultiInstanceTests))]
public sealed class MultiInstanceTests
{
    private const int Payments = 240;
    private const int Workers = 6;

    /// <summary>Answers other than 200 that the client retried (5xx, a lost connection, a key still in progress).</summary>
    private int retries;

    /// <summary>Phones the simulator answers with something other than success.</summary>
    private static readonly (string Phone, string Status)[] Scripted =
    [
        (SimulatorPhones.Cancelled, "cancelled"), (SimulatorPhones.WrongPin, "failed"),
        (SimulatorPhones.Timeout, "timeout"), (SimulatorPhones.DuplicateCallback, "succeeded"),
    ];

    [Fact]
    public async Task ThreeInstancesBehindAProxyLoseNoPaymentWebhookOrSignInWhenOneIsKilledMidway()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.GetAsync();
        var name = "mp_multi_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString;
        await PostgresServer.ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        var portals = new PortalProcess?[3];
        try
        {
            await using var simulator = SimulatorCommand.Build(
                ["--urls", "http://127.0.0.1:0", "--environment", "Testing", "--Mpesa:Simulator:CallbackDelaySeconds=0.5"]);
            await simulator.StartAsync(ct);
            var sessions = simulator.Services.GetRequiredService<DarajaSimulatorState>();
            var proxyPort = PortalProcess.FreePort();
            var settings = new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Default"] = database,
                ["Database__MigrateOnStart"] = "false",
                ["Mpesa__BaseUrl"] = simulator.Urls.First(),
                ["Mpesa__TimeoutSeconds"] = "5",
                ["Mpesa__QueryTimeoutSeconds"] = "5",
                ["Mpesa__Reconcile__AfterSeconds"] = "3",
                ["Mpesa__Reconcile__RetrySeconds"] = "1",
                ["Mpesa__Reconcile__PollSeconds"] = "0.5",
                ["Mpesa__Reconcile__UnansweredPushMinutes"] = "0.25",
                ["App__PublicBaseUrl"] = $"http://127.0.0.1:{proxyPort}",
                ["Webhooks__PollSeconds"] = "0.2",
                ["Webhooks__AllowPrivateNetworks"] = "true",
                ["Webhooks__TimeoutSeconds"] = "2",
                ["Webhooks__RetryDelaysSeconds__0"] = "1",
                ["RateLimits__StkPerMinute"] = "100000",
            };

            var (exit, output) = await PortalProcess.RunCommandAsync(settings, "migrate");
            Assert.True(exit == 0, output);
            var ports = new[] { PortalProcess.FreePort(), PortalProcess.FreePort(), PortalProcess.FreePort() };
            var started = await Task.WhenAll(ports.Select(p => PortalProcess.StartAsync(settings, p)));
            started.CopyTo(portals, 0);
            await using var proxy = await RoundRobinProxy.StartAsync(proxyPort, [.. started.Select(p => p.Address)]);
            await using var receiver = await WebhookReceiver.StartAsync();

            // A merchant signed in through the proxy: the session must hold on every instance, before and after.
            using var session = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new() })
            {
                BaseAddress = proxy.Address, Timeout = TimeSpan.FromSeconds(90),
            };
            var api = new ApiClient(session);
            var username = "multi" + Guid.NewGuid().ToString("N")[..8];
            (await api.PostAsync("register", ("username", username), ("email", username + "@example.com"), ("password", "secret1"))).AssertOk();
            (await api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "600300"))).AssertOk();
            (await api.PostAsync("save_webhook", ("url", receiver.Url("multi")))).AssertOk();
            var key = (await api.PostAsync("generate_api_key", ("label", "Multi"))).AssertOk().Body.GetProperty("key").GetString()!;
            await AssertSignedInEverywhereAsync(api, username);

            // The scripted phones first and last (a phone with a prompt open refuses another push, as M-Pesa does),
            // customers who pay in between.
            var plan = Enumerable.Range(0, Payments).Select(i => i < Scripted.Length || i >= Payments - Scripted.Length
                ? (Phone: Scripted[i % Scripted.Length].Phone, Amount: 100 + i, Status: Scripted[i % Scripted.Length].Status)
                : (Phone: TestPhones.Random(), Amount: 100 + i, Status: "succeeded")).ToArray();
            var answered = new ConcurrentDictionary<int, string>();
            var queue = new ConcurrentQueue<int>(Enumerable.Range(0, Payments));
            using var keyed = new HttpClient { BaseAddress = proxy.Address, Timeout = TimeSpan.FromSeconds(90) };
            var killed = new TaskCompletionSource();
            var run = Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
            {
                while (queue.TryDequeue(out var i))
                {
                    answered[i] = await PushUntilAnsweredAsync(keyed, key, i, plan[i].Phone, plan[i].Amount, ct);
                }
            }));

            // Midway, SIGKILL one instance (whatever it is doing), then start it again where it was.
            while (answered.Count < Payments / 3 && !run.IsCompleted)
            {
                await Task.Delay(20, ct);
            }

            await portals[1]!.KillAsync();
            await portals[1]!.DisposeAsync();
            portals[1] = null;
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            portals[1] = await PortalProcess.StartAsync(settings, ports[1]);
            await run;
            await AssertSignedInEverywhereAsync(api, username);

            // Every payment once, in its right final state: what the simulator did with it, or unknown when the
            // instance died before the push reached it.
            var rows = await WaitForSettledAsync(database, TimeSpan.FromSeconds(60), ct);
            for (var i = 0; i < Payments; i++)
            {
                var msisdn = "254" + plan[i].Phone[1..];
                var mine = rows.Where(r => r.Phone == msisdn && r.Amount == plan[i].Amount).ToList();
                var row = Assert.Single(mine);
                Assert.Equal(answered[i], row.Id);
                var reached = sessions.Sessions.Any(s => s.PhoneNumber == msisdn && s.Amount == plan[i].Amount);
                Assert.True(row.Status == (reached ? plan[i].Status : "unknown"), $"Payment {i} ({plan[i].Phone}, {plan[i].Amount}) is {row.Status}; the simulator {(reached ? "took" : "never saw")} it.");
            }

            Assert.Equal(Payments, rows.Count);

            // Each payment's final event is recorded delivered once, and the merchant's server has it. A kill between
            // the server's answer and its record sends it again with the same event id (deliveries are at least once).
            var deliveries = await WaitForDeliveredAsync(database, Payments, TimeSpan.FromSeconds(60), ct);
            var received = receiver.For("multi").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            foreach (var row in rows)
            {
                var type = "transaction." + row.Status;
                var delivery = Assert.Single(deliveries, d => d.TransactionId == row.Id && d.EventType == type);
                Assert.Equal("delivered", delivery.Status);
                Assert.Contains(received, r => r.GetProperty("id").GetString() == delivery.EventId);
            }

            var repeats = received.GroupBy(r => r.GetProperty("id").GetString()).Count(g => g.Count() > 1);
            TestContext.Current.TestOutputHelper?.WriteLine($"Multi-instance: {Payments} payments, {rows.Count(r => r.Status == "unknown")} unknown (never reached M-Pesa), {retries} client retries, {received.Count} webhook posts, {repeats} repeated, {proxy.Unroutable} unroutable.");
            // One endpoint is one lane per instance, so one kill can cut short at most one delivery.
            Assert.True(repeats <= 1, $"{repeats} events were posted more than once.");
        }
        finally
        {
            foreach (var portal in portals)
            {
                if (portal is not null)
                {
                    await portal.DisposeAsync();
                }
            }

            NpgsqlConnection.ClearAllPools();
            await PostgresServer.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>As a careful client does: one idempotency key per payment, retried on 5xx, a lost connection or a key in progress.</summary>
    private async Task<string> PushUntilAnsweredAsync(HttpClient http, string key, int i, string phone, int amount, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/index.php?action=api_stk")
            {
                Content = new FormUrlEncodedContent([new("phone", phone), new("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            };
            request.Headers.Add("X-Api-Key", key);
            request.Headers.Add("Idempotency-Key", $"multi-{i}");
            try
            {
                using var response = await http.SendAsync(request, ct);
                last = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("transaction_id").GetString()!;
                }

                var retry = (int)response.StatusCode >= 500 || last.Contains("idempotency_in_progress", StringComparison.Ordinal);
                Assert.True(retry, $"Payment {i} was refused: {(int)response.StatusCode} {last}");
            }
            catch (HttpRequestException)
            {
                // The instance serving it died: retried with the same key.
            }

            Interlocked.Increment(ref retries);

            await Task.Delay(300, ct);
        }

        Assert.Fail($"Payment {i} got no answer within two minutes; last: {last}");
        return "";
    }

    private static async Task AssertSignedInEverywhereAsync(ApiClient api, string username)
    {
        // More requests than instances: round robin takes them to each.
        for (var n = 0; n < 6; n++)
        {
            var me = (await api.GetAsync("me")).AssertOk();
            Assert.Equal(username, me.Data.GetProperty("user").GetProperty("username").GetString());
        }
    }

    private sealed record Row(string Id, string Status, string Phone, long Amount);

    private sealed record Delivery(string TransactionId, string EventType, string EventId, string Status);

    private static async Task<List<Row>> WaitForSettledAsync(string database, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var rows = await QueryAsync(database, """SELECT "PublicId", "Status", "Phone", "Amount" FROM "Transactions" """,
                r => new Row(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)), ct);
            if (rows.All(r => r.Status != "pending") || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(500, ct);
        }
    }

    private static async Task<List<Delivery>> WaitForDeliveredAsync(string database, int count, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var rows = await QueryAsync(database, """SELECT "EventType", "EventId", "Status", "Payload" FROM "WebhookDeliveries" """,
                r => new Delivery(
                    JsonDocument.Parse(r.GetString(3)).RootElement.GetProperty("data").GetProperty("transaction").GetProperty("id").GetString()!,
                    r.GetString(0), r.GetString(1), r.GetString(2)), ct);
            if ((rows.Count >= count && rows.All(d => d.Status == "delivered")) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(500, ct);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>Four processes of their own and a kill: run after the parallel tests, alone, so their load cannot skew it.</summary>
[CollectionDefinition(nameof(MultiInstanceTests), DisableParallelization = true)]
public sealed class MultiInstanceCollection;
