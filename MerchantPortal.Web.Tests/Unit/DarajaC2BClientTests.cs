using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The C2B and Pull calls of our client against the shapes Daraja's pages and SDKs show, beyond what our simulator sends.</summary>
public sealed class DarajaC2BClientTests
{
    private static readonly DarajaCredentials Credentials = new("key", "secret", "passkey");

    [Fact]
    public async Task PullRowsAreReadFromDarajasNestedSampleWithANumericMsisdnAndTheQueryIsSentInNairobiTime()
    {
        var daraja = new Stub("""
            {"ResponseRefID":"26178-42530161-2","ResponseCode":"1000","ResponseMessage":"Success","Response":[[
              {"transactionId":"yzlyrEsRG1","trxDate":"2020-08-05T10:13:00Z","msisdn":72200000,"sender":"UAT2","transactiontype":"c2b-pay-bill-debit","billreference":"37207636392","amount":"168.00","organizationname":"Daraja Pull API Test"},
              {"transactionId":"ZobjR29vdz","trxDate":"2020-08-05T10:13:00Z","msisdn":72200000,"amount":647}]]}
            """);
        var from = new DateTimeOffset(2020, 8, 5, 5, 36, 0, TimeSpan.Zero);

        var page = await Create(daraja).QueryPullAsync(Credentials, "600000", from, from.AddHours(2), 100, default);

        Assert.True(page.Succeeded, page.Failure?.Message);
        Assert.Equal(["yzlyrEsRG1", "ZobjR29vdz"], page.Value!.Transactions.Select(t => t.Receipt));
        var first = page.Value.Transactions[0];
        Assert.Equal((168m, "72200000", "37207636392", "c2b-pay-bill-debit"), (first.Amount, first.Msisdn, first.BillReference, first.TransactionType));
        Assert.Equal(new DateTimeOffset(2020, 8, 5, 10, 13, 0, TimeSpan.Zero), first.CompletedAt);
        Assert.Equal(647m, page.Value.Transactions[1].Amount);
        using var sent = JsonDocument.Parse(daraja.LastBody);
        Assert.Equal(("600000", "2020-08-05 08:36:00", "2020-08-05 10:36:00", "100"),
            (Field(sent, "ShortCode"), Field(sent, "StartDate"), Field(sent, "EndDate"), Field(sent, "OffSetValue")));
        Assert.Equal("/pulltransactions/v1/query", daraja.LastPath);
    }

    [Theory]
    [InlineData("""{"ResponseCode":"1000","Transactions":[{"transactionId":"ABC1234567","amount":"10.00","msisdn":"2547****149"}]}""", 1)]
    [InlineData("""{"ResponseRefID":"1","ResponseCode":"1001","ResponseMessage":"No transactions","Response":[[]]}""", 0)]
    public async Task AFlatTransactionsListAndAnEmptyPeriodAreBothPages(string body, int rows)
    {
        var page = await Create(new Stub(body)).QueryPullAsync(Credentials, "600000", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 0, default);

        Assert.True(page.Succeeded, page.Failure?.Message);
        Assert.Equal(rows, page.Value!.Transactions.Count);
    }

    [Fact]
    public async Task APullAnswerWithAnotherCodeIsARefusal()
    {
        var page = await Create(new Stub("""{"ResponseCode":"500","ResponseMessage":"Failed to retrieve transactions"}"""))
            .QueryPullAsync(Credentials, "600000", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 0, default);

        Assert.Equal((DarajaFailureKind.Rejected, "500", "Failed to retrieve transactions"), (page.Failure!.Kind, page.Failure.Code, page.Failure.Message));
    }

    [Fact]
    public async Task APullRegistrationAlreadyMadeCountsAsRegisteredEvenWithTheKeysWrittenWithSpaces()
    {
        var daraja = new Stub("""{"ResponseRefID":"18633-7271215-1","Response Status":"1001","ShortCode":"600000","Response Description":"ShortCode already Registered"}""");

        var registered = await Create(daraja).RegisterPullAsync(Credentials, new("600000", "0722000000", "https://pay.example/pull"), default);

        Assert.Equal(new PullRegistered(true, "ShortCode already Registered"), registered.Value);
        using var sent = JsonDocument.Parse(daraja.LastBody);
        Assert.Equal(["ShortCode", "RequestType", "NominatedNumber", "CallBackURL"], sent.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Pull", Field(sent, "RequestType"));
    }

    [Fact]
    public async Task RegisterUrlSendsTheValidationUrlOnlyWhenGivenAndKeepsTheTokensOutOfTheExchange()
    {
        var daraja = new Stub("""{"OriginatorCoversationID":"6e86-45dd-91ac-fd5d4178ab523408729","ResponseCode":"0","ResponseDescription":"Success"}""");

        var registered = await Create(daraja).RegisterC2BUrlsAsync(Credentials,
            new("600984", "Completed", "https://pay.example/hooks/c2b/s3cretTok/confirmation", null), default);

        Assert.Equal(new C2BRegistered("6e86-45dd-91ac-fd5d4178ab523408729", "Success"), registered.Value);
        using var sent = JsonDocument.Parse(daraja.LastBody);
        Assert.Equal(["ShortCode", "ResponseType", "ConfirmationURL"], sent.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/mpesa/c2b/v2/registerurl", daraja.LastPath);
        Assert.DoesNotContain("s3cretTok", registered.Exchange);
    }

    [Fact]
    public async Task ARegistrationDarajaRefusesCarriesItsMessage()
    {
        var daraja = new Stub("""{"requestId":"1","errorCode":"500.003.1001","errorMessage":"Urls are already registered"}""", HttpStatusCode.InternalServerError);

        var refused = await Create(daraja).RegisterC2BUrlsAsync(Credentials,
            new("600984", "Completed", "https://pay.example/hooks/c2b/t1/confirmation", "https://pay.example/hooks/c2b/t1/validation"), default);

        Assert.Equal(("500.003.1001", "Urls are already registered"), (refused.Failure!.Code, refused.Failure.Message));
    }

    [Fact]
    public async Task RealDarajasSimulateAnswerHasNoReceipt()
    {
        var daraja = new Stub("""{"OriginatorCoversationID":"53e3-4aa8","ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""");

        var simulated = await Create(daraja).SimulateC2BAsync(Credentials, new("600984", "CustomerBuyGoodsOnline", 5, "254708374149", null), default);

        Assert.Equal(new C2BSimulated("53e3-4aa8", null), simulated.Value);
        using var sent = JsonDocument.Parse(daraja.LastBody);
        Assert.Equal((5, "", "/mpesa/c2b/v2/simulate"), (sent.RootElement.GetProperty("Amount").GetInt32(), Field(sent, "BillRefNumber"), daraja.LastPath));
    }

    private static string? Field(JsonDocument document, string name) => document.RootElement.GetProperty(name).GetString();

    private static DarajaClient Create(Stub daraja)
    {
        var settings = new MpesaOptions { Mode = MpesaMode.Sandbox, BaseUrl = "https://daraja.test/" };
        var options = new StaticOptions(settings);
        return new DarajaClient(new HttpClient(daraja), new DarajaEndpoint(options, null!),
            new DarajaTokenCache(new InMemoryDarajaTokenStore(), TimeProvider.System), options, TimeProvider.System, NullLogger<DarajaClient>.Instance);
    }

    private sealed class StaticOptions(MpesaOptions value) : IOptionsMonitor<MpesaOptions>
    {
        public MpesaOptions CurrentValue => value;

        public MpesaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MpesaOptions, string?> listener) => null;
    }

    /// <summary>Issues a token, then answers every call with one scripted body.</summary>
    private sealed class Stub(string body, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public string LastBody { get; private set; } = "";

        public string LastPath { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/v1/generate")
            {
                return Json(HttpStatusCode.OK, """{"access_token":"tok","expires_in":"3599"}""");
            }

            LastPath = request.RequestUri.AbsolutePath;
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            return Json(status, body);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string text) =>
            new(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
