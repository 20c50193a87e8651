using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>A portal whose Daraja cannot be reached at all.</summary>
public sealed class UnreachableDarajaApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = "http://127.0.0.1:9/",
        ["Mpesa:TimeoutSeconds"] = "2",
    };
}

public sealed class UnreachableDarajaTests(UnreachableDarajaApp app) : IClassFixture<UnreachableDarajaApp>
{
    [Fact]
    public async Task AnUnreachableDarajaIsA502AndThePaymentIsKeptPendingNotLost()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var response = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_unavailable");

        var id = response.Data.GetProperty("transaction_id").GetString()!;
        var transaction = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("pending", transaction.GetProperty("status").GetString());
    }
}

public sealed class MpesaRefusalTests(ShortCodeListSimulatorApp app) : IClassFixture<ShortCodeListSimulatorApp>
{
    [Fact]
    public async Task AShortcodeDarajaDoesNotKnowIsA502AndTheTransactionIsRecordedFailed()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");

        var response = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");

        Assert.Contains("Merchant does not exist", response.Message);
        var id = response.Data.GetProperty("transaction_id").GetString()!;
        var transaction = (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("failed", transaction.GetProperty("status").GetString());
        Assert.Equal("500.001.1001", transaction.GetProperty("result_code").GetString());
    }

    [Fact]
    public async Task ASecondPushOfAnotherAmountWhileThePhoneHasAPromptOpenIsAClear409()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600111");
        var phone = TestPhones.Random();

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk();
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "25"))).AssertError(HttpStatusCode.Conflict, "subscriber_busy");
    }

    [Fact]
    public async Task QueriesThatSayBeingProcessedKeepThePaymentPendingUntilTheFinalAnswer()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600222");

        // No callback for this phone, and the simulated customer takes 3 s: the first query (after 1 s) hears "being
        // processed". Only one is asserted: on a loaded machine the back-off may leave room for just one before 3 s.
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000005"), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var done = await merchant.WaitForFinalAsync(id, seconds: 30);

        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.True(System.Text.RegularExpressions.Regex.Matches(timeline, "the customer has not answered yet").Count >= 1, timeline);
        Assert.Contains("STK query: result 0", timeline);
    }
}
