using System.Net;
using System.Text;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class DarajaClientTests
{
    private static readonly DarajaCredentials Credentials = new("key", "secret", "passkey");
    private static readonly StkPushCommand Push = new("CustomerPayBillOnline", "174379", "174379", 10, "254712345678",
        "https://portal.example/hooks/stk/abc", "INV1", "Payment");

    [Fact]
    public async Task OneTokenServesManyCallsUntilShortlyBeforeItExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var daraja = new StubDaraja();
        var client = Create(daraja, time);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await client.StkPushAsync(Credentials, Push, default)).Succeeded);
        }

        Assert.Equal(1, daraja.TokenRequests);
        time.Advance(TimeSpan.FromMinutes(59));
        await client.StkPushAsync(Credentials, Push, default);
        Assert.Equal(2, daraja.TokenRequests);
    }

    [Fact]
    public async Task BuildsThePasswordFromShortcodePasskeyAndTheSameEatTimestamp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-14T06:30:15Z", System.Globalization.CultureInfo.InvariantCulture));
        var daraja = new StubDaraja();

        await Create(daraja, time).StkPushAsync(Credentials, Push, default);

        Assert.Contains("\"Timestamp\":\"20250314093015\"", daraja.LastBody);
        var password = Convert.ToBase64String(Encoding.UTF8.GetBytes("174379passkey20250314093015"));
        Assert.Contains($"\"Password\":\"{password}\"", daraja.LastBody);
    }

    [Fact]
    public async Task AnInvalidTokenIsDroppedAndThePushTriedOnceMore()
    {
        var daraja = new StubDaraja { InvalidTokenOnce = true };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.True(result.Succeeded);
        Assert.Equal(2, daraja.TokenRequests);
        Assert.Equal(2, daraja.PushRequests);
    }

    [Theory]
    [InlineData(400, """{"requestId":"1","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid Amount"}""", DarajaFailureKind.Rejected, "400.002.02")]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Wrong credentials"}""", DarajaFailureKind.Rejected, "500.001.1001")]
    [InlineData(404, """{"fault":{"faultstring":"Unable to identify proxy","detail":{"errorcode":"messaging.adaptors.http.flow.ApplicationNotFound"}}}""", DarajaFailureKind.Rejected, "gateway_fault")]
    [InlineData(502, "<html>Bad gateway</html>", DarajaFailureKind.Unavailable, "unavailable")]
    public async Task ParsesBothErrorShapesAndNonJsonAnswers(int status, string body, DarajaFailureKind kind, string code)
    {
        var daraja = new StubDaraja { PushStatus = (HttpStatusCode)status, PushBody = body };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Equal(code, result.Failure.Code);
    }

    /// <summary>Only answers proving that nothing started are refusals; after any other the push may be on the phone.</summary>
    [Theory]
    [InlineData(400, """{"requestId":"1","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid PhoneNumber"}""", DarajaFailureKind.Rejected)]
    [InlineData(404, "<html>Not found</html>", DarajaFailureKind.Rejected)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Merchant does not exist"}""", DarajaFailureKind.Rejected)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"[MerchantValidate] - Wrong credentials"}""", DarajaFailureKind.Rejected)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Unable to lock subscriber, a transaction is already in process for the current subscriber"}""", DarajaFailureKind.Rejected)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Something else entirely"}""", DarajaFailureKind.Unavailable)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.003.02","errorMessage":"System is busy. Please try again in few minutes."}""", DarajaFailureKind.Unavailable)]
    [InlineData(500, """{"requestId":"1","errorCode":"500.003.1001","errorMessage":"Internal Server Error"}""", DarajaFailureKind.Unavailable)]
    [InlineData(500, """{"Envelope":{"Body":{"Fault":{"faultstring":"Execution of ServiceCallout callout failed"}}}}""", DarajaFailureKind.Unavailable)]
    [InlineData(200, """{"Envelope":{"Body":{"Fault":{"faultstring":"Execution of ServiceCallout callout failed"}}}}""", DarajaFailureKind.Unavailable)]
    [InlineData(503, "<html>Service unavailable (Incapsula)</html>", DarajaFailureKind.Unavailable)]
    [InlineData(200, "<html>Welcome</html>", DarajaFailureKind.Unavailable)]
    [InlineData(408, """{"fault":{"faultstring":"Gateway Timeout"}}""", DarajaFailureKind.Unavailable)]
    public async Task OnlyA4xxOrAKnownRefusalOfMerchantOrCredentialsOrLockProvesAPushNeverStarted(int status, string body, DarajaFailureKind kind)
    {
        var daraja = new StubDaraja { PushStatus = (HttpStatusCode)status, PushBody = body };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Failure!.Kind);
    }

    [Fact]
    public async Task APushThatTimesOutIsUnavailableNotRefused()
    {
        var daraja = new StubDaraja { PushTimesOut = true };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.Equal(DarajaFailureKind.Unavailable, result.Failure!.Kind);
    }

    [Theory]
    [InlineData("4999", "The transaction is still under processing", true)]
    [InlineData("500.001.1001", "The transaction is being processed", true)]
    [InlineData("1234", "A code nobody has documented", true)]
    [InlineData("0", "The service request is processed successfully.", false)]
    [InlineData("1032", "Request cancelled by user", false)]
    [InlineData("1037", "DS timeout user cannot be reached", false)]
    [InlineData("SFC_IC0003", "The operator does not exist.", false)]
    public async Task OnlyAKnownFinalResultCodeInAQueryAnswerIsAnOutcome(string resultCode, string resultDesc, bool pending)
    {
        var daraja = new StubDaraja
        {
            PushBody = $$"""{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"1","CheckoutRequestID":"ws_CO_1","ResultCode":"{{resultCode}}","ResultDesc":"{{resultDesc}}"}""",
        };

        var result = await Create(daraja, TimeProvider.System).StkQueryAsync(Credentials, "174379", "ws_CO_1", default);

        Assert.True(result.Succeeded);
        Assert.Equal(pending, result.Value!.IsPending);
        Assert.Equal(resultCode, result.Value.ResultCode);
    }

    [Fact]
    public async Task AQueryThatSaysBeingProcessedMeansPendingNotFailed()
    {
        var daraja = new StubDaraja
        {
            PushStatus = HttpStatusCode.InternalServerError,
            PushBody = """{"requestId":"ws_CO_1","errorCode":"500.001.1001","errorMessage":"The transaction is being processed"}""",
        };

        var result = await Create(daraja, TimeProvider.System).StkQueryAsync(Credentials, "174379", "ws_CO_1", default);

        Assert.True(result.Succeeded);
        Assert.True(result.Value!.IsPending);
    }

    [Theory]
    [InlineData(404, "404.001.03")]
    [InlineData(401, "401.003.01")]
    [InlineData(401, "401.002.99")]
    [InlineData(500, "500.001.1001")]
    public async Task EveryFormOfADeadTokenFetchesANewOneAndRetriesThatRequestOnce(int status, string code)
    {
        // The last two rows: codes Daraja's pages do not list, but its words for a dead token (or a plain 401).
        var daraja = new StubDaraja
        {
            DeadTokenAnswers = 1,
            DeadTokenStatus = (HttpStatusCode)status,
            DeadTokenBody = $$"""{"requestId":"1","errorCode":"{{code}}","errorMessage":"Error Occurred - Invalid Access Token - tok"}""",
        };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.True(result.Succeeded);
        Assert.Equal(2, daraja.TokenRequests);
        Assert.Equal(2, daraja.PushRequests);
    }

    [Fact]
    public async Task APushIsNeverSentAThirdTimeEvenIfTheNewTokenIsRefusedToo()
    {
        var daraja = new StubDaraja
        {
            DeadTokenAnswers = 5,
            DeadTokenStatus = HttpStatusCode.Unauthorized,
            DeadTokenBody = """{"requestId":"1","errorCode":"401.003.01","errorMessage":"Invalid Access Token"}""",
        };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.False(result.Succeeded);
        Assert.Equal(2, daraja.PushRequests);
    }

    [Fact]
    public async Task OtherRefusalsAreNotRetried()
    {
        var daraja = new StubDaraja
        {
            PushStatus = HttpStatusCode.InternalServerError,
            PushBody = """{"requestId":"1","errorCode":"500.001.1001","errorMessage":"Merchant does not exist"}""",
        };

        await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.Equal(1, daraja.PushRequests);
        Assert.Equal(1, daraja.TokenRequests);
    }

    [Fact]
    public async Task PushAndQueryBodiesAreSentWithAContentLengthNotChunkedAndOAuthHasNoBody()
    {
        var daraja = new StubDaraja();
        var client = Create(daraja, TimeProvider.System);

        await client.StkPushAsync(Credentials, Push, default);
        await client.StkQueryAsync(Credentials, "174379", "ws_CO_1", default);

        Assert.Equal(3, daraja.Framing.Count);
        Assert.All(daraja.Framing, f => Assert.NotEqual(true, f.Chunked));
        Assert.Null(daraja.Framing[0].Length);
        Assert.All(daraja.Framing.Skip(1), f => Assert.True(f.Length > 0));
        Assert.Equal(Encoding.UTF8.GetByteCount(daraja.LastBody), daraja.Framing[2].Length);
    }

    [Theory]
    [InlineData(200, "text/html", "<html><body>Request unsuccessful. Incapsula incident ID: 1</body></html>")]
    [InlineData(503, "text/html", "<html><head><title>Service Unavailable</title></head></html>")]
    [InlineData(500, "application/json", """{"Envelope":{"Body":{"Fault":{"faultstring":"Execution of ServiceCallout failed"}}}}""")]
    [InlineData(502, "application/json", """{"fault":{"faultstring":"Bad gateway","detail":{"errorcode":"messaging.adaptors.http.flow.BadGateway"}}}""")]
    [InlineData(401, "application/json", """{"fault":{"faultstring":"Unauthorised"}}""")]
    [InlineData(200, "application/json", """{"fault":{"faultstring":"Unable to identify proxy"}}""")]
    public async Task AnOAuthAnswerThatIsNotDarajasSaysSafaricomIsUnavailableOrBlockingNotCheckTheKey(int status, string type, string body)
    {
        var daraja = new StubDaraja { TokenStatus = (HttpStatusCode)status, TokenBody = body, TokenContentType = type };

        var result = await Create(daraja, TimeProvider.System).GetTokenAsync(Credentials, default);

        Assert.Equal(DarajaFailureKind.Blocked, result.Failure!.Kind);
        Assert.Equal(DarajaClient.BlockedCode, result.Failure.Code);
        Assert.Contains("blocking this server's address", result.Failure.Message);
        Assert.DoesNotContain("secret", result.Failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(400, """{"requestId":"1","errorCode":"400.008.01","errorMessage":"Invalid Authentication passed"}""", "400.008.01")]
    [InlineData(401, """{"requestId":"1","errorCode":"401.002.01","errorMessage":"Invalid consumer key or secret"}""", "401.002.01")]
    [InlineData(200, """{"access_token":"","expires_in":"3599"}""", "oauth_failed")]
    public async Task OnlyDarajasOwnRefusalOfTheTokenIsACredentialsProblem(int status, string body, string code)
    {
        var daraja = new StubDaraja { TokenStatus = (HttpStatusCode)status, TokenBody = body };

        var result = await Create(daraja, TimeProvider.System).StkPushAsync(Credentials, Push, default);

        Assert.Equal(DarajaFailureKind.Rejected, result.Failure!.Kind);
        Assert.Equal(code, result.Failure.Code);
        Assert.Equal(0, daraja.PushRequests);
    }

    [Fact]
    public async Task APushWaitsItsOwnLongerTimeoutWhileAQueryGivesUpAfterItsOwn()
    {
        var daraja = new StubDaraja { AnswerDelay = TimeSpan.FromSeconds(2) };
        var client = Create(daraja, TimeProvider.System, new MpesaOptions { TimeoutSeconds = 15, QueryTimeoutSeconds = 1 });

        var push = await client.StkPushAsync(Credentials, Push, default);
        var query = await client.StkQueryAsync(Credentials, "174379", "ws_CO_1", default);

        Assert.True(push.Succeeded);
        Assert.Equal(DarajaFailureKind.Unavailable, query.Failure!.Kind);
    }

    [Fact]
    public void APushWaitsUpTo45SecondsForDarajaByDefault() => Assert.Equal(45, new MpesaOptions().TimeoutSeconds);

    private static DarajaClient Create(StubDaraja daraja, TimeProvider time, MpesaOptions? settings = null)
    {
        settings ??= new MpesaOptions();
        settings.Mode = MpesaMode.Sandbox;
        settings.BaseUrl = "https://daraja.test/";
        var options = new StaticOptions(settings);
        return new DarajaClient(new HttpClient(daraja), new DarajaEndpoint(options, null!),
            new DarajaTokenCache(new InMemoryDarajaTokenStore(), time), options, time, NullLogger<DarajaClient>.Instance);
    }

    private sealed class StaticOptions(MpesaOptions value) : IOptionsMonitor<MpesaOptions>
    {
        public MpesaOptions CurrentValue => value;

        public MpesaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MpesaOptions, string?> listener) => null;
    }

    private sealed class StubDaraja : HttpMessageHandler
    {
        public int TokenRequests { get; private set; }

        public int PushRequests { get; private set; }

        public string LastBody { get; private set; } = "";

        public bool InvalidTokenOnce { get; set; }

        public int DeadTokenAnswers { get; set; }

        public HttpStatusCode DeadTokenStatus { get; set; }

        public string DeadTokenBody { get; set; } = "";

        /// <summary>How long Daraja takes to answer a push or a query.</summary>
        public TimeSpan AnswerDelay { get; set; }

        public HttpStatusCode TokenStatus { get; set; } = HttpStatusCode.OK;

        /// <summary>Per request: the body's Content-Length as sent, and whether it was chunked.</summary>
        public List<(long? Length, bool? Chunked)> Framing { get; } = [];

        public HttpStatusCode PushStatus { get; set; } = HttpStatusCode.OK;

        public string PushBody { get; set; } =
            """{"MerchantRequestID":"1-2-3","CheckoutRequestID":"ws_CO_1","ResponseCode":"0","ResponseDescription":"Success","CustomerMessage":"Success"}""";

        public string TokenBody { get; set; } = """{"access_token":"tok","expires_in":"3599"}""";

        public string TokenContentType { get; set; } = "application/json";

        public bool PushTimesOut { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/v1/generate")
            {
                TokenRequests++;
                Framing.Add((request.Content?.Headers.ContentLength, request.Headers.TransferEncodingChunked));
                Assert.Equal("client_credentials", System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["grant_type"]);
                Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
                return new HttpResponseMessage(TokenStatus) { Content = new StringContent(TokenBody, Encoding.UTF8, TokenContentType) };
            }

            PushRequests++;
            // The length the content itself declares, as the handler frames it; JsonContent declares none (chunked).
            Framing.Add((request.Content!.Headers.ContentLength, request.Headers.TransferEncodingChunked));
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            if (PushTimesOut)
            {
                // What HttpClient throws when its Timeout passes.
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
            }

            await Task.Delay(AnswerDelay, cancellationToken);
            if (DeadTokenAnswers > 0)
            {
                DeadTokenAnswers--;
                return Json(DeadTokenStatus, DeadTokenBody);
            }

            if (InvalidTokenOnce)
            {
                InvalidTokenOnce = false;
                return Json(HttpStatusCode.NotFound, """{"requestId":"1","errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""");
            }

            return PushBody.StartsWith('<')
                ? new HttpResponseMessage(PushStatus) { Content = new StringContent(PushBody, Encoding.UTF8, "text/html") }
                : Json(PushStatus, PushBody);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
