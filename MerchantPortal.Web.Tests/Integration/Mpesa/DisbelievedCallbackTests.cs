using System.Net;
using System.Text;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// Simulated customers take 3 s to answer, so a forged callback arrives while the payment is pending (the first STK
/// query comes after 5 s).
/// </summary>
public class SlowCustomerApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "3",
        // A callback lost under a loaded test machine is settled by query within seconds, not after the default 30.
        ["Mpesa:Reconcile:AfterSeconds"] = "5",
        ["Mpesa:Reconcile:RetrySeconds"] = "2",
        ["Mpesa:Reconcile:PollSeconds"] = "1",
    };
}

public sealed class SqliteSlowCustomerApp() : SlowCustomerApp(DatabaseProvider.Sqlite);

public sealed class PostgresSlowCustomerApp() : SlowCustomerApp(DatabaseProvider.Postgres);

/// <summary>
/// A success callback that contradicts what we know is answered 200, written to the timeline as an ALERT and not
/// believed: the STK query settles the payment, for the amount pushed and without the callback's receipt.
/// </summary>
public abstract class DisbelievedCallbackTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SlowCustomerApp
{
    [Fact]
    public async Task ASuccessCallbackForAnotherAmountIsAnAlertAndTheQuerySettlesThePaymentForTheAmountPushed()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        // Paid, but the simulator never calls back: only the STK query tells.
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "100"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        using var posted = await PostSuccessAsync(id, amount: "1", receipt: "UKSAMOUNT1");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var done = await merchant.WaitForFinalAsync(id, seconds: 30);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("amount").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("receipt").ValueKind);
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Contains("ALERT: the callback reports KES 1 paid, but KES 100 was asked for. Not believed", timeline);
        Assert.Contains("STK query: result 0", timeline);
    }

    [Fact]
    public async Task ASuccessCallbackReusingAReceiptRecordedOnAnotherPaymentIsAnsweredOkAndRecordedAsAnAlert()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var first = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "100"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var receipt = (await merchant.WaitForFinalAsync(first, seconds: 30)).GetProperty("receipt").GetString()!;
        var second = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "100"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        using var posted = await PostSuccessAsync(second, amount: "100", receipt: receipt);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{second}"));
        Assert.Contains($"ALERT: M-Pesa's answer names receipt {receipt}, which is already recorded on another payment. Not believed", timeline);
        var done = await merchant.WaitForFinalAsync(second, seconds: 30);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("receipt").ValueKind);
        var firstAfter = (await merchant.Api.GetAsync("transaction", ("transaction_id", first))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal(receipt, firstAfter.GetProperty("receipt").GetString());
    }

    /// <summary>Posts a success callback to the transaction's own callback URL, as Daraja would.</summary>
    private async Task<HttpResponseMessage> PostSuccessAsync(string transactionId, string amount, string receipt)
    {
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == transactionId));
        var body = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":AMOUNT},{"Name":"MpesaReceiptNumber","Value":"RECEIPT"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal).Replace("AMOUNT", amount, StringComparison.Ordinal)
            .Replace("RECEIPT", receipt, StringComparison.Ordinal);
        using var http = app.NewClient();
        return await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(body, Encoding.UTF8, "application/json"));
    }
}

public sealed class SqliteDisbelievedCallbackTests(SqliteSlowCustomerApp app) : DisbelievedCallbackTests<SqliteSlowCustomerApp>(app);

public sealed class PostgresDisbelievedCallbackTests(PostgresSlowCustomerApp app) : DisbelievedCallbackTests<PostgresSlowCustomerApp>(app);
