using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>The portal against a fake Daraja that answers what each test scripts, with a short horizon.</summary>
public class FakeDarajaApp : PortalApp
{
    public FakeDarajaApp(DatabaseProvider provider) : base(provider) => Daraja = FakeDaraja.Start();

    public FakeDaraja Daraja { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = Daraja.BaseUri.ToString(),
        ["Mpesa:TimeoutSeconds"] = "2",
        ["Mpesa:Reconcile:AfterSeconds"] = "0.2",
        ["Mpesa:Reconcile:RetrySeconds"] = "0.2",
        ["Mpesa:Reconcile:HorizonMinutes"] = "0.15",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Daraja.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteFakeDarajaApp() : FakeDarajaApp(DatabaseProvider.Sqlite);

public sealed class PostgresFakeDarajaApp() : FakeDarajaApp(DatabaseProvider.Postgres);

/// <summary>
/// Only an answer that proves what happened settles a payment: a known final result code in a query, a refusal that
/// proves a push never started (decision 3). Anything else leaves the payment pending for its callback or the horizon.
/// </summary>
public abstract class DarajaAnswersTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : FakeDarajaApp
{
    [Theory]
    [InlineData("4999", "The transaction is still under processing")]
    [InlineData("1234", "A result code nobody has documented")]
    public async Task AQueryAnswerWithoutAKnownFinalCodeKeepsThePaymentPendingUntilTheHorizonThenUnknown(string code, string desc)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        app.Daraja.Script(phone, new FakeCustomer { Queries = [FakeAnswer.Result(code, desc)] });

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        await Eventually(async () => (await TimelineAsync(merchant, id)).Contains($"STK query: result {code} {desc} is not a final answer"));
        Assert.Equal("pending", (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction").GetProperty("status").GetString());
        var done = await merchant.WaitForFinalAsync(id, seconds: 40);
        Assert.Equal("unknown", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InterimQueryAnswersAreAskedAgainUntilAKnownFinalCodeSettlesThePayment()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        app.Daraja.Script(phone, new FakeCustomer
        {
            Queries = [FakeAnswer.Result("4999", "The transaction is still under processing"), FakeAnswer.BeingProcessed, FakeAnswer.Result("1032", "Request cancelled by user")],
        });

        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        var done = await merchant.WaitForFinalAsync(id, seconds: 30);
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.Equal("1032", done.GetProperty("result_code").GetString());
    }

    public static TheoryData<string> UnclearPushAnswers => ["503 html", "500 fault envelope", "500 system busy", "timeout"];

    [Theory]
    [MemberData(nameof(UnclearPushAnswers))]
    public async Task APushAnswerThatDoesNotProveItWasRefusedLeavesThePaymentPendingForItsCallback(string answer)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        // The client gives up after 2 s; the customer pays and M-Pesa calls back later.
        app.Daraja.Script(phone, new FakeCustomer { Push = UnclearAnswer(answer), PaidCallbackAfter = TimeSpan.FromSeconds(answer == "timeout" ? 4 : 3) });

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertError(HttpStatusCode.BadGateway, "mpesa_unavailable");

        Assert.Contains("may still go through", refused.Message);
        var id = refused.Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("pending", (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction").GetProperty("status").GetString());
        var done = await merchant.WaitForFinalAsync(id, seconds: 30);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.StartsWith("UKF", done.GetProperty("receipt").GetString());
    }

    [Theory]
    [InlineData(400, """{"requestId":"1","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid BusinessShortCode"}""")]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Merchant does not exist"}""")]
    public async Task APushAnswerThatProvesNothingStartedFailsThePaymentAtOnce(int status, string body)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        app.Daraja.Script(phone, new FakeCustomer { Push = new FakeAnswer(status, body) });

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");

        var id = refused.Data.GetProperty("transaction_id").GetString()!;
        var transaction = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("failed", transaction.GetProperty("status").GetString());
    }

    private static FakeAnswer UnclearAnswer(string answer) => answer switch
    {
        "503 html" => new FakeAnswer(503, "<html><body>Service Unavailable (Incapsula incident)</body></html>", "text/html"),
        "500 fault envelope" => new FakeAnswer(500, """{"Envelope":{"Body":{"Fault":{"faultstring":"Execution of ServiceCallout callout failed. Reason: timeout occurred","detail":{"errorcode":"steps.servicecallout.ExecutionFailed"}}}}}"""),
        "500 system busy" => new FakeAnswer(500, """{"requestId":"1","errorCode":"500.003.02","errorMessage":"System is busy. Please try again in few minutes."}"""),
        _ => new FakeAnswer(200, "{}", Delay: TimeSpan.FromSeconds(6)),
    };

    private static async Task<string> TimelineAsync(TestMerchant merchant, string id) =>
        WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteDarajaAnswersTests(SqliteFakeDarajaApp app) : DarajaAnswersTests<SqliteFakeDarajaApp>(app);

public sealed class PostgresDarajaAnswersTests(PostgresFakeDarajaApp app) : DarajaAnswersTests<PostgresFakeDarajaApp>(app);
