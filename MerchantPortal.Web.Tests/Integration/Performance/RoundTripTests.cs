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
    // SQLite runs a save's statements one by one where PostgreSQL sends them as one batch. The payment's insert is one
    // statement since its "created" step is read from the row (3 December 2026: the row, its step and the
    // transaction around them were three round trips).
    private int ApiStkCeiling => app.Provider == DatabaseProvider.Postgres ? 5 : 6;

    // One of them is the day's total (PaymentDayTotals), an UPSERT of its own inside the move's transaction.
    private int CallbackCeiling => app.Provider == DatabaseProvider.Postgres ? 6 : 7;

    // Without an endpoint, callback URL or link, the outbox's read of the payment is skipped (and on SQLite there is
    // no delivery to insert either).
    private const int UnheardCallbackCeiling = 5;

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

        var (status, commands, after) = await CountSuccessCallbackAsync(merchant, key);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("succeeded", 1, 1), (after.Status, after.Deliveries, after.Callbacks));
        AssertAtMost(CallbackCeiling, commands);
    }

    [Fact]
    public async Task ACallbackThatNobodyHearsSkipsTheOutboxRead()
    {
        var (merchant, key) = await MerchantWithKeyAsync(withWebhook: false);

        var (status, commands, after) = await CountSuccessCallbackAsync(merchant, key);

        // The payment was read with the callback's token to have no endpoint, callback URL or link: one read fewer.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("succeeded", 0, 1), (after.Status, after.Deliveries, after.Callbacks));
        AssertAtMost(UnheardCallbackCeiling, commands);
    }

    /// <summary>Pushes, then counts the round trips of the push's success callback (sent by the test).</summary>
    private async Task<(HttpStatusCode Status, IReadOnlyList<string> Commands, (string Status, int Deliveries, int Callbacks) After)>
        CountSuccessCallbackAsync(TestMerchant merchant, string key)
    {
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

        var after = await app.WithDbAsync(async db =>
        {
            var settled = await db.Transactions.AsNoTracking().SingleAsync(t => t.Id == row.Id);
            Assert.Equal(receipt, settled.Receipt);
            return (settled.Status,
                await db.WebhookDeliveries.AsNoTracking().CountAsync(d => d.MerchantId == row.MerchantId),
                await db.TransactionEvents.AsNoTracking().CountAsync(e => e.TransactionId == row.Id && e.Kind == "callback"));
        });
        return (status, commands, after);
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

    /// <summary>A merchant with an account, a webhook endpoint (unless not wanted) and a key already used (its last-used time is fresh).</summary>
    private async Task<(TestMerchant Merchant, string Key)> MerchantWithKeyAsync(bool withWebhook = true)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        if (withWebhook)
        {
            (await merchant.Api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/hook"))).AssertOk();
        }

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
