using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// Daraja knows one short code only (a push to any other is refused at once), customers never answer within the
/// short horizon (so payments become unknown), and webhooks are sent quickly.
/// </summary>
public class PaymentStateApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string KnownShortCode = "600333";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:ShortCodes:0"] = KnownShortCode,
        ["Mpesa:Simulator:ShortCodes:1"] = BillingOptions.SimulatorShortCode,
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "600",
        ["Mpesa:Reconcile:AfterSeconds"] = "0.2",
        ["Mpesa:Reconcile:RetrySeconds"] = "0.2",
        ["Mpesa:Reconcile:HorizonMinutes"] = "0.05",
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:RetryDelaysSeconds:0"] = "0.2",
    };
}

public sealed class SqlitePaymentStateApp() : PaymentStateApp(DatabaseProvider.Sqlite);

public sealed class PostgresPaymentStateApp() : PaymentStateApp(DatabaseProvider.Postgres);

/// <summary>Every move of a payment's state raises its events, whoever caused it (decision 9).</summary>
public abstract class PaymentStateEventsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PaymentStateApp
{
    [Fact]
    public async Task APushDarajaRefusesAtOnceSendsTransactionFailedToTheEndpointsAndTheCallbackUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")))).AssertOk();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "70"), ("callback_url", receiver.Url("callback"))))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");
        var id = refused.Data.GetProperty("transaction_id").GetString()!;

        foreach (var destination in new[] { "endpoint", "callback" })
        {
            var call = JsonDocument.Parse(Assert.Single(await receiver.WaitForAsync(destination, 1)).Body).RootElement;
            Assert.Equal("transaction.failed", call.GetProperty("type").GetString());
            var transaction = call.GetProperty("data").GetProperty("transaction");
            Assert.Equal(id, transaction.GetProperty("id").GetString());
            Assert.Equal("failed", transaction.GetProperty("status").GetString());
        }

        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Contains("M-Pesa refused the push", timeline);
    }

    [Fact]
    public async Task APaymentGivenUpAsUnknownSendsTransactionUnknownAndALaterAnswerSendsTheFinalEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", PaymentStateApp.KnownShortCode);
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")), ("events", "transaction.unknown,transaction.succeeded"))).AssertOk();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "71"), ("callback_url", receiver.Url("callback"))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;

        Assert.Equal("unknown", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        Assert.Equal(["transaction.unknown"], Types(await receiver.WaitForAsync("endpoint", 1)));
        Assert.Equal(["transaction.unknown"], Types(await receiver.WaitForAsync("callback", 1)));

        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        var receipt = "UKU" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        var late = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":71},{"Name":"MpesaReceiptNumber","Value":"RECEIPT"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal).Replace("RECEIPT", receipt, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(late, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        Assert.Equal(["transaction.unknown", "transaction.succeeded"], Types(await receiver.WaitForAsync("endpoint", 2)));
        var calls = await receiver.WaitForAsync("callback", 2);
        Assert.Equal(["transaction.unknown", "transaction.succeeded"], Types(calls));
        var succeeded = JsonDocument.Parse(calls[1].Body).RootElement.GetProperty("data").GetProperty("transaction");
        Assert.Equal("succeeded", succeeded.GetProperty("status").GetString());
        Assert.Equal(receipt, succeeded.GetProperty("receipt").GetString());
    }

    [Fact]
    public async Task ABillingPaymentGivenUpAsUnknownExtendsTheSubscriptionOnceWhenALateAnswerComesEvenTwice()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var before = (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("expires_at").GetInt64();
        var id = (await merchant.Api.PostAsync("renew_subscription", ("phone", TestPhones.Random()))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RenewalStatusAsync(merchant) == "pending" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal("unknown", await RenewalStatusAsync(merchant));
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        var late = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":AMOUNT},{"Name":"MpesaReceiptNumber","Value":"RECEIPT"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal).Replace("AMOUNT", row.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("RECEIPT", "UKB" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(), StringComparison.Ordinal);
        using var http = app.NewClient();
        for (var i = 0; i < 2; i++)
        {
            using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(late, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var subscription = (await merchant.Api.GetAsync("subscription")).AssertOk().Data;
        Assert.Equal("succeeded", await RenewalStatusAsync(merchant));
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(before + (long)TimeSpan.FromDays(30).TotalSeconds, subscription.GetProperty("expires_at").GetInt64());
    }

    private static async Task<string?> RenewalStatusAsync(TestMerchant merchant) =>
        (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("history")[0].GetProperty("status").GetString();

    private static List<string?> Types(IEnumerable<(string Path, string Signature, string Body)> calls) =>
        [.. calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString())];
}

public sealed class SqlitePaymentStateEventsTests(SqlitePaymentStateApp app) : PaymentStateEventsTests<SqlitePaymentStateApp>(app);

public sealed class PostgresPaymentStateEventsTests(PostgresPaymentStateApp app) : PaymentStateEventsTests<PostgresPaymentStateApp>(app);
