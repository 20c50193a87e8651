using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// Each fault the simulator produces, through the portal's own Daraja client over HTTP: the payment ends in the state
/// the money says. Every test pushes its own amount, so the result-17 rule (same phone and amount within two minutes)
/// never links two tests.
/// </summary>
public abstract class SimulatorFaultsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SimulatorFaultsApp
{
    [Fact]
    public async Task ACallbackAfterTheQuerySettledThePaymentFillsInItsReceiptWithOneSucceededAndOneUpdatedEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await MerchantAsync();
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("endpoint")))).AssertOk();
        var id = await PushAsync(merchant, SimulatorPhones.LateCallback, 71);

        var settled = await merchant.WaitForFinalAsync(id, seconds: 30);
        Assert.Equal("succeeded", settled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, settled.GetProperty("receipt").ValueKind);
        var receipt = await EventuallyAsync(async () => (await TransactionAsync(merchant, id)).GetProperty("receipt").GetString());

        Assert.Equal(Session(SimulatorPhones.LateCallback, 71).ReceiptNumber, receipt);
        var calls = await receiver.WaitForAsync("endpoint", 2);
        Assert.Equal(["transaction.succeeded", "transaction.updated"], Types(calls));
        Assert.Contains("STK query: result 0", await TimelineAsync(merchant, id));
    }

    [Fact]
    public async Task ALateFailureCallbackAfterAQuerySaidPaidChangesNothing()
    {
        var merchant = await MerchantAsync();
        var id = await PushAsync(merchant, SimulatorPhones.NoCallback, 72);
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());

        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        var cancelled = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal);
        using var http = app.NewClient();
        using var posted = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(cancelled, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("succeeded", (await TransactionAsync(merchant, id)).GetProperty("status").GetString());
        Assert.Contains("ALERT: M-Pesa now says 1032", await TimelineAsync(merchant, id));
    }

    [Fact]
    public async Task StillUnderProcessingAnswersKeepThePaymentPendingUntilTheFinalAnswer()
    {
        var merchant = await MerchantAsync();
        var id = await PushAsync(merchant, SimulatorPhones.InterimQueries, 73);

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        var timeline = await TimelineAsync(merchant, id);
        Assert.Equal(2, Count(timeline, "result 4999 The transaction is still under processing is not a final answer"));
        Assert.Contains("STK query: result 0", timeline);
    }

    [Fact]
    public async Task QueriesMeetingAGatewayFaultOrAnHtml503KeepThePaymentPendingUntilTheFinalAnswer()
    {
        var merchant = await MerchantAsync();
        var id = await PushAsync(merchant, SimulatorPhones.QueryFaults, 74);

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        var timeline = await TimelineAsync(merchant, id);
        Assert.Contains("STK query failed: gateway_fault", timeline);
        Assert.Contains("STK query failed: unavailable Daraja answered HTTP 503 without JSON", timeline);
        Assert.Contains("STK query: result 0", timeline);
    }

    [Fact]
    public async Task AQueryAnsweredAfterTheTimeoutStaysPendingAndIsAskedAgain()
    {
        var merchant = await MerchantAsync();
        var id = await PushAsync(merchant, SimulatorPhones.SlowQuery, 75);

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 40)).GetProperty("status").GetString());
        var timeline = await TimelineAsync(merchant, id);
        Assert.Contains("STK query failed: unavailable M-Pesa (Daraja) did not answer", timeline);
        Assert.Contains("STK query: result 0", timeline);
    }

    // A push answered with a fault is called back at once; a slow one only after the portal stopped waiting, so its
    // payment can be seen pending. Either way a failed payment would show as a correction (an ALERT) here.
    [Theory]
    [InlineData(SimulatorPhones.PushFaultStarted, 76, "gateway_fault", false)]
    [InlineData(SimulatorPhones.SlowPush, 77, "did not answer", true)]
    public async Task APushWhoseAnswerIsAFaultOrComesTooLateStaysPendingAndItsCallbackSettlesIt(string phone, int amount, string answer, bool calledBackAfterTheAnswer)
    {
        var merchant = await MerchantAsync();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_unavailable");
        var id = refused.Data.GetProperty("transaction_id").GetString()!;
        if (calledBackAfterTheAnswer)
        {
            Assert.Equal("pending", (await TransactionAsync(merchant, id)).GetProperty("status").GetString());
        }

        var done = await merchant.WaitForFinalAsync(id, seconds: 30);
        var session = Session(phone, amount);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(session.ReceiptNumber, done.GetProperty("receipt").GetString());
        Assert.Equal(session.CheckoutRequestId, done.GetProperty("checkout_request_id").GetString());
        var timeline = await TimelineAsync(merchant, id);
        Assert.Contains(answer, timeline);
        Assert.DoesNotContain("ALERT", timeline);
    }

    [Theory]
    [InlineData(SimulatorFaultsApp.FaultKey)]
    [InlineData(SimulatorFaultsApp.OutageKey)]
    public async Task AnAccountWhoseAppMeetsABrokenOAuthIsToldSafaricomIsUnavailableAndNothingIsLeftHalfWritten(string consumerKey)
    {
        var merchant = await MerchantAsync();
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            ("Input.ConsumerKey", consumerKey), ("Input.ConsumerSecret", SimulatorFaultsApp.Secret), ("Input.Passkey", "any-passkey"))).Dispose();

        var said = await Pages.AccountCredentialsPagesTests<Pages.CredentialsApp>.TestConnectionAsync(merchant);
        Assert.Contains("Safaricom is unavailable or blocking this server's address", said);
        Assert.DoesNotContain("refused the consumer key", said);

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "78")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");
        Assert.Contains("The payment request was not sent: Safaricom is unavailable or blocking this server's address", refused.Message);
        var id = refused.Data.GetProperty("transaction_id").GetString()!;
        var transaction = await TransactionAsync(merchant, id);
        Assert.Equal("failed", transaction.GetProperty("status").GetString());
        Assert.Equal(DarajaClient.BlockedCode, transaction.GetProperty("result_code").GetString());
        Assert.Equal(1, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
        Assert.Contains("The push was not sent: Safaricom is unavailable", await TimelineAsync(merchant, id));
        Assert.DoesNotContain(app.Simulator.Sessions, s => s.Amount == 78);
    }

    [Fact]
    public async Task ATokenRevokedByAnotherSystemsNewTokenIsRefreshedOnceAndTheNextPushSucceeds()
    {
        var merchant = await MerchantAsync();
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(await PushAsync(merchant, TestPhones.Random(), 79), seconds: 30)).GetProperty("status").GetString());
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;
        var key = DarajaTokenCache.AppKey(new DarajaCredentials(options.ConsumerKey, options.ConsumerSecret, options.Passkey));
        var store = app.Services.GetRequiredService<IDarajaTokenStore>();
        var before = (await store.ReadAsync(key, default))!;

        // Another system with the same consumer key takes a token: Daraja revokes the portal's.
        using var http = app.NewClient();
        using var oauth = new HttpRequestMessage(HttpMethod.Get, "/sim/daraja/oauth/v1/generate?grant_type=client_credentials");
        oauth.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ConsumerKey}:{options.ConsumerSecret}")));
        (await http.SendAsync(oauth)).EnsureSuccessStatusCode();
        Assert.False(app.Simulator.IsTokenValid(before.Token!));

        var id = await PushAsync(merchant, TestPhones.Random(), 79);

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(id, seconds: 30)).GetProperty("status").GetString());
        var after = (await store.ReadAsync(key, default))!;
        Assert.True(after.Version > before.Version);
        Assert.True(app.Simulator.IsTokenValid(after.Token!));
    }

    [Fact]
    public async Task ASecondPushOfTheSameAmountFromTheSamePhoneWithinTwoMinutesFailsWith17AndTheFirstIsUntouched()
    {
        var merchant = await MerchantAsync();
        var phone = TestPhones.Random();
        var first = await merchant.WaitForFinalAsync(await PushAsync(merchant, phone, 80), seconds: 30);
        Assert.Equal("succeeded", first.GetProperty("status").GetString());

        var second = await merchant.WaitForFinalAsync(await PushAsync(merchant, phone, 80), seconds: 30);

        Assert.Equal(("failed", "17"), (second.GetProperty("status").GetString(), second.GetProperty("result_code").GetString()));
        Assert.Equal("Rule limited.", second.GetProperty("result_desc").GetString());
        var kept = await TransactionAsync(merchant, first.GetProperty("id").GetString()!);
        Assert.Equal(("succeeded", first.GetProperty("receipt").GetString()), (kept.GetProperty("status").GetString(), kept.GetProperty("receipt").GetString()));
    }

    private async Task<TestMerchant> MerchantAsync()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        return merchant;
    }

    private static async Task<string> PushAsync(TestMerchant merchant, string phone, int amount) =>
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;

    /// <summary>The simulator's session for this test's push (each test has its own phone and amount).</summary>
    private SimulatorSession Session(string phone, int amount) =>
        Assert.Single(app.Simulator.Sessions, s => s.PhoneNumber == "254" + phone[1..] && s.Amount == amount);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Nothing came in time.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> TransactionAsync(TestMerchant merchant, string id) =>
        (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");

    private static async Task<string> TimelineAsync(TestMerchant merchant, string id) =>
        WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));

    private static int Count(string text, string part) => System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(part)).Count;

    private static List<string?> Types(IEnumerable<(string Path, string Signature, string Body)> calls) =>
        [.. calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("type").GetString())];
}

public sealed class SqliteSimulatorFaultsTests(SqliteSimulatorFaultsApp app) : SimulatorFaultsTests<SqliteSimulatorFaultsApp>(app);

public sealed class PostgresSimulatorFaultsTests(PostgresSimulatorFaultsApp app) : SimulatorFaultsTests<PostgresSimulatorFaultsApp>(app);
