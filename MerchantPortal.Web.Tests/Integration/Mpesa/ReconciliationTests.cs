using System.Net;
using System.Text;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>A customer who never answers: the simulator decides only after ten minutes.</summary>
public class SilentCustomerApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "600",
        ["Mpesa:Reconcile:AfterSeconds"] = "0.2",
        ["Mpesa:Reconcile:RetrySeconds"] = "0.2",
        ["Mpesa:Reconcile:HorizonMinutes"] = "0.05",
    };
}

public sealed class SqliteSilentCustomerApp() : SilentCustomerApp(DatabaseProvider.Sqlite);

public sealed class PostgresSilentCustomerApp() : SilentCustomerApp(DatabaseProvider.Postgres);

public abstract class ReconciliationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SilentCustomerApp
{
    [Fact]
    public async Task ASecondPushForTheSameAmountToAPhoneWithOnePendingIsRefused()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "40"))).AssertOk();
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "40"))).AssertError(HttpStatusCode.Conflict, "duplicate_pending");
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "41"))).AssertOk();
        Assert.Equal(2, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task NoAnswerWithinTheHorizonIsUnknownAndALateAnswerStillSettlesIt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "60"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        var unknown = await merchant.WaitForFinalAsync(id, seconds: 20);
        Assert.Equal("unknown", unknown.GetProperty("status").GetString());
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Contains("STK query: the customer has not answered yet", timeline);
        Assert.Contains("the outcome is unknown", timeline);

        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        var late = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":60},{"Name":"MpesaReceiptNumber","Value":"UKSLATE001"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(late, Encoding.UTF8, "application/json"));

        var settled = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.Equal("UKSLATE001", settled.GetProperty("receipt").GetString());
    }

    [Fact]
    public async Task APushAnsweredWithAnHtml503IsPendingThenUnknownAtTheHorizonNeverFailed()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", SimulatorPhones.PushUnavailable), ("amount", "61")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_unavailable");
        var id = refused.Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("pending", (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction").GetProperty("status").GetString());

        Assert.Equal("unknown", (await merchant.WaitForFinalAsync(id, seconds: 20)).GetProperty("status").GetString());
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Contains("Daraja answered HTTP 503 without JSON", timeline);
        Assert.DoesNotContain(app.Simulator.Sessions, s => s.PhoneNumber == "254" + SimulatorPhones.PushUnavailable[1..]);
    }
}

public sealed class SqliteReconciliationTests(SqliteSilentCustomerApp app) : ReconciliationTests<SqliteSilentCustomerApp>(app);

public sealed class PostgresReconciliationTests(PostgresSilentCustomerApp app) : ReconciliationTests<PostgresSilentCustomerApp>(app);

/// <summary>The default ten-minute horizon, and pushes with no checkout id given up on after three seconds.</summary>
public class UnansweredPushApp(DatabaseProvider provider) : PortalApp(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "600",
        ["Mpesa:Reconcile:AfterSeconds"] = "0.2",
        ["Mpesa:Reconcile:RetrySeconds"] = "0.2",
        ["Mpesa:Reconcile:PollSeconds"] = "0.2",
        ["Mpesa:Reconcile:UnansweredPushMinutes"] = "0.05",
        // Never sooner than a push in flight could still store its checkout id: two tokens and two pushes of 1 s.
        ["Mpesa:TimeoutSeconds"] = "1",
        ["Mpesa:QueryTimeoutSeconds"] = "1",
    };
}

public sealed class SqliteUnansweredPushApp() : UnansweredPushApp(DatabaseProvider.Sqlite);

public sealed class PostgresUnansweredPushApp() : UnansweredPushApp(DatabaseProvider.Postgres);

/// <summary>
/// A push whose Daraja answer was never recorded (no clear answer, or its instance killed while asking) has no
/// checkout id to query: it is recorded unknown after Mpesa:Reconcile:UnansweredPushMinutes, not left pending for
/// the whole horizon, while a push M-Pesa accepted keeps being asked about.
/// </summary>
public abstract class UnansweredPushTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : UnansweredPushApp
{
    [Fact]
    public async Task APushWithNoCheckoutIdIsUnknownSoonWhileAnAcceptedOneStaysPending()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var unanswered = (await merchant.Api.PostAsync("api_stk", ("phone", SimulatorPhones.PushUnavailable), ("amount", "62")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_unavailable").Data.GetProperty("transaction_id").GetString()!;
        var accepted = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "63")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;

        Assert.Equal("unknown", (await merchant.WaitForFinalAsync(unanswered, seconds: 20)).GetProperty("status").GetString());
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{unanswered}"));
        Assert.Contains("No answer from M-Pesa within 0.1 minutes", timeline);
        Assert.Equal("pending", (await merchant.Api.GetAsync("transaction", ("transaction_id", accepted))).AssertOk()
            .Data.GetProperty("transaction").GetProperty("status").GetString());
    }
}

public sealed class SqliteUnansweredPushTests(SqliteUnansweredPushApp app) : UnansweredPushTests<SqliteUnansweredPushApp>(app);

public sealed class PostgresUnansweredPushTests(PostgresUnansweredPushApp app) : UnansweredPushTests<PostgresUnansweredPushApp>(app);

/// <summary>Callbacks accepted only from Daraja's addresses (here one this machine is not).</summary>
public sealed class CallbackAllowListApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:CallbackAllowedIps:0"] = "196.201.214.200",
    };
}

public sealed class CallbackSecurityTests(CallbackAllowListApp app) : IClassFixture<CallbackAllowListApp>
{
    [Fact]
    public async Task ACallbackFromAnAddressOutsideTheListIsRefusedAndTheQuerySettlesThePaymentInstead()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000001"), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));

        var forged = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"FORGED0001"}]}}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(forged, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);

        var done = await merchant.WaitForFinalAsync(id);
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("receipt").ValueKind);
    }
}
