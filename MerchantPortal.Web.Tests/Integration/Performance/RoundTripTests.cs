using System.Net;
using System.Text;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Performance;

/// <summary>
/// Ceilings on the database round trips (commands and commits) of the money path's requests, so that a change that
/// adds a query to every payment fails here rather than in a benchmark months later.
/// </summary>
public abstract class RoundTripTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CommandCountingApp
{
    // Measured before the money path was trimmed: api_stk 11, a success callback 12 (savepoints included), me 6.
    // SQLite runs a save's statements one by one where PostgreSQL sends them as one batch.
    private int ApiStkCeiling => app.Provider == DatabaseProvider.Postgres ? 7 : 8;

    // One of them is the day's total (PaymentDayTotals), an UPSERT of its own inside the move's transaction.
    private int CallbackCeiling => app.Provider == DatabaseProvider.Postgres ? 6 : 7;

    private const int MeCeiling = 5;

    [Fact]
    public async Task ASuccessfulApiStkStaysUnderItsRoundTripCeiling()
    {
        var (merchant, key) = await MerchantWithKeyAsync();
        // The first push of the app fetches Daraja's token: the one counted is a merchant's everyday push.
        (await merchant.Api.PostAsync("api_stk", ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var request = new HttpRequestMessage(HttpMethod.Post, "/index.php")
        {
            Content = Form(("action", "api_stk"), ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10")),
        };

        var (response, commands) = await app.CountAsync(SendAsync, request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Ok, response.Text);
        AssertAtMost(ApiStkCeiling, commands);
    }

    [Fact]
    public async Task ASuccessCallbackStaysUnderItsRoundTripCeilingAndWritesItsWebhook()
    {
        var (merchant, key) = await MerchantWithKeyAsync();
        // No callback comes for this phone from the simulator: the test sends it.
        var id = (await merchant.Api.PostAsync("api_stk", ("api_key", key), ("phone", "0708000005"), ("amount", "10"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        var receipt = "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var body = """
            {"Body":{"stkCallback":{"MerchantRequestID":"MERCHANT","CheckoutRequestID":"CHECKOUT",
            "ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
            {"Name":"Amount","Value":10},{"Name":"MpesaReceiptNumber","Value":"RECEIPT"},{"Name":"PhoneNumber","Value":254708000005}]}}}}
            """.Replace("MERCHANT", row.MerchantRequestId, StringComparison.Ordinal).Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal)
            .Replace("RECEIPT", receipt, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/stk/{row.CallbackToken}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var (status, commands) = await app.CountAsync(async r =>
        {
            using var http = app.NewClient();
            using var answer = await http.SendAsync(r);
            return answer.StatusCode;
        }, request);

        Assert.Equal(HttpStatusCode.OK, status);
        var after = await app.WithDbAsync(async db => new
        {
            (await db.Transactions.AsNoTracking().SingleAsync(t => t.Id == row.Id)).Status,
            (await db.Transactions.AsNoTracking().SingleAsync(t => t.Id == row.Id)).Receipt,
            Deliveries = await db.WebhookDeliveries.AsNoTracking().CountAsync(d => d.MerchantId == row.MerchantId),
            Callbacks = await db.TransactionEvents.AsNoTracking().CountAsync(e => e.TransactionId == row.Id && e.Kind == "callback"),
        });
        Assert.Equal(("succeeded", receipt, 1, 1), (after.Status, after.Receipt, after.Deliveries, after.Callbacks));
        AssertAtMost(CallbackCeiling, commands);
    }

    [Fact]
    public async Task MeByApiKeyStaysUnderItsRoundTripCeiling()
    {
        var (_, key) = await MerchantWithKeyAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/index.php?action=me&api_key=" + Uri.EscapeDataString(key));

        var (response, commands) = await app.CountAsync(SendAsync, request);

        Assert.True(response.Ok, response.Text);
        AssertAtMost(MeCeiling, commands);
    }

    /// <summary>A merchant with an account, a webhook endpoint and a key already used (its last-used time is fresh).</summary>
    private async Task<(TestMerchant Merchant, string Key)> MerchantWithKeyAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/hook"))).AssertOk();
        var key = await merchant.GenerateKeyAsync();
        (await app.NewApi().GetAsync("me", ("api_key", key))).AssertOk();
        return (merchant, key);
    }

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using var api = app.NewApi();
        return await api.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static void AssertAtMost(int ceiling, IReadOnlyList<string> commands) =>
        Assert.True(commands.Count <= ceiling,
            $"{commands.Count} round trips (ceiling {ceiling}):\n" + string.Join("\n", commands.Select(c => c.Length > 300 ? c[..300] : c)));
}

public sealed class SqliteRoundTripTests(SqliteCommandCountingApp app) : RoundTripTests<SqliteCommandCountingApp>(app);

public sealed class PostgresRoundTripTests(PostgresCommandCountingApp app) : RoundTripTests<PostgresCommandCountingApp>(app);
