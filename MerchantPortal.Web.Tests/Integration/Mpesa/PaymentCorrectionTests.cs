using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>The simulator answering quickly, and webhooks sent quickly.</summary>
public class QuickWebhooksApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:RetryDelaysSeconds:0"] = "0.2",
    };
}

public sealed class SqliteQuickWebhooksApp() : QuickWebhooksApp(DatabaseProvider.Sqlite);

public sealed class PostgresQuickWebhooksApp() : QuickWebhooksApp(DatabaseProvider.Postgres);

/// <summary>
/// A success callback with an M-Pesa receipt for the amount pushed is proof that money moved: it corrects a payment
/// recorded failed, cancelled or timed out to succeeded, once (decision 9), and gives a payment a query settled its
/// receipt. Without that proof nothing settled changes.
/// </summary>
public abstract class PaymentCorrectionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : QuickWebhooksApp
{
    [Theory]
    [InlineData("0708000001", "cancelled")]
    [InlineData("0708000002", "failed")]
    [InlineData("0708000004", "timeout")]
    public async Task AReceiptForTheAmountPushedCorrectsAFinalStateToSucceededOnceWithAnAlertAndTheEvent(string phone, string recorded)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")))).AssertOk();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "80"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal(recorded, (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        Assert.Equal([$"transaction.{recorded}"], Types(await receiver.WaitForAsync("endpoint", 1)));
        var receipt = NewReceipt();

        await PostSuccessAsync(id, amount: "80", receipt);

        var corrected = await TransactionAsync(merchant, id);
        Assert.Equal("succeeded", corrected.GetProperty("status").GetString());
        Assert.Equal(receipt, corrected.GetProperty("receipt").GetString());
        Assert.Contains($"ALERT: M-Pesa's callback carries receipt {receipt} for the amount pushed, so this payment was made. It had been recorded {recorded}", await TimelineAsync(merchant, id));
        var calls = await receiver.WaitForAsync("endpoint", 2);
        Assert.Equal([$"transaction.{recorded}", "transaction.succeeded"], Types(calls));
        Assert.Equal(receipt, JsonDocument.Parse(calls[1].Body).RootElement.GetProperty("data").GetProperty("transaction").GetProperty("receipt").GetString());

        await PostSuccessAsync(id, amount: "80", receipt);
        await PostSuccessAsync(id, amount: "80", NewReceipt());

        Assert.Equal(receipt, (await TransactionAsync(merchant, id)).GetProperty("receipt").GetString());
        Assert.Equal(2, await EndpointDeliveriesAsync(id));
    }

    [Fact]
    public async Task ASuccessCallbackWithoutAReceiptOrForAnotherAmountCorrectsNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000001"), ("amount", "80"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("cancelled", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());

        await PostSuccessAsync(id, amount: "80", receipt: null);
        await PostSuccessAsync(id, amount: "8", NewReceipt());

        var kept = await TransactionAsync(merchant, id);
        Assert.Equal("cancelled", kept.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("receipt").ValueKind);
        var timeline = await TimelineAsync(merchant, id);
        Assert.Contains("ALERT: M-Pesa now says 0", timeline);
        Assert.Contains("ALERT: the callback reports KES 8 paid, but KES 80 was asked for. Not believed", timeline);
    }

    [Fact]
    public async Task AFailedBillingPaymentCorrectedBySuccessCallbacksExtendsTheSubscriptionOnce()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var before = (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("expires_at").GetInt64();
        var id = (await merchant.Api.PostAsync("renew_subscription", ("phone", "0708000002"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RenewalStatusAsync(merchant) == "pending" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal("failed", await RenewalStatusAsync(merchant));
        var amount = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == id).Select(t => t.Amount).SingleAsync());
        var receipt = NewReceipt();
        await PostSuccessAsync(id, amount.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt);
        await PostSuccessAsync(id, amount.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt);

        var subscription = (await merchant.Api.GetAsync("subscription")).AssertOk().Data;
        Assert.Equal("succeeded", await RenewalStatusAsync(merchant));
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(before + (long)TimeSpan.FromDays(30).TotalSeconds, subscription.GetProperty("expires_at").GetInt64());
    }

    [Fact]
    public async Task ACallbackAfterAQuerySettledThePaymentFillsInItsReceiptOnceAndSendsTransactionUpdated()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")))).AssertOk();
        // Paid, but the simulator never calls back: the STK query settles it, without a receipt.
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "90"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var settled = await merchant.WaitForFinalAsync(id, seconds: 30);
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, settled.GetProperty("receipt").ValueKind);
        var receipt = NewReceipt();

        await PostSuccessAsync(id, amount: "90", receipt);
        await PostSuccessAsync(id, amount: "90", NewReceipt());

        Assert.Equal(receipt, (await TransactionAsync(merchant, id)).GetProperty("receipt").GetString());
        var calls = await receiver.WaitForAsync("endpoint", 2);
        Assert.Equal(["transaction.succeeded", "transaction.updated"], Types(calls));
        var updated = JsonDocument.Parse(calls[1].Body).RootElement.GetProperty("data").GetProperty("transaction");
        Assert.Equal("succeeded", updated.GetProperty("status").GetString());
        Assert.Equal(receipt, updated.GetProperty("receipt").GetString());
        Assert.Equal(2, await EndpointDeliveriesAsync(id));
    }

    [Fact]
    public async Task AReceiptAlreadyRecordedOnAnotherPaymentIsNotFilledInAndIsAnAlert()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var first = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "90"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var taken = (await merchant.WaitForFinalAsync(first, seconds: 30)).GetProperty("receipt").GetString()!;
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "90"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());

        await PostSuccessAsync(id, amount: "90", taken);

        Assert.Equal(JsonValueKind.Null, (await TransactionAsync(merchant, id)).GetProperty("receipt").ValueKind);
        Assert.Contains($"ALERT: the callback names receipt {taken}, which is already recorded on another payment", await TimelineAsync(merchant, id));
    }

    /// <summary>The events written for the merchant's endpoints (this test's merchant has this one payment).</summary>
    private Task<int> EndpointDeliveriesAsync(string transactionId) => app.WithDbAsync(async db =>
    {
        var merchantId = await db.Transactions.Where(t => t.PublicId == transactionId).Select(t => t.MerchantId).SingleAsync();
        return await db.WebhookDeliveries.CountAsync(d => d.MerchantId == merchantId && d.EndpointId != null);
    });

    private static string NewReceipt() => "UKC" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    /// <summary>Posts a success callback to the transaction's own callback URL, as Daraja would.</summary>
    private async Task PostSuccessAsync(string transactionId, string amount, string? receipt)
    {
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == transactionId));
        var items = receipt is null
            ? $$"""[{"Name":"Amount","Value":{{amount}}}]"""
            : $$"""[{"Name":"Amount","Value":{{amount}}},{"Name":"MpesaReceiptNumber","Value":"{{receipt}}"}]""";
        var body = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":ITEMS}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal).Replace("ITEMS", items, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    private static async Task<JsonElement> TransactionAsync(TestMerchant merchant, string id) =>
        (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");

    private static async Task<string> TimelineAsync(TestMerchant merchant, string id) =>
        WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));

    private static async Task<string?> RenewalStatusAsync(TestMerchant merchant) =>
        (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("history")[0].GetProperty("status").GetString();

    private static List<string?> Types(IEnumerable<(string Path, string Signature, string Body)> calls) =>
        [.. calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString())];
}

public sealed class SqlitePaymentCorrectionTests(SqliteQuickWebhooksApp app) : PaymentCorrectionTests<SqliteQuickWebhooksApp>(app);

public sealed class PostgresPaymentCorrectionTests(PostgresQuickWebhooksApp app) : PaymentCorrectionTests<PostgresQuickWebhooksApp>(app);
