using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>Our Daraja client against the simulator's C2B side: register URL, menu payments, their callbacks, Pull Transactions.</summary>
public abstract class C2BSimulatorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : C2BSimulatorApp
{
    private const string PayBill = "CustomerPayBillOnline";
    private const string BuyGoods = "CustomerBuyGoodsOnline";

    private DarajaClient Client => app.Services.GetRequiredService<DarajaClient>();

    private SimulatorC2BLedger Ledger => app.Services.GetRequiredService<SimulatorC2BLedger>();

    [Fact]
    public async Task RegisterUrlRefusesAResponseTypeNotInSentenceCaseAndUrlsDarajaWouldRefuseOrThatAreNotThePortalsC2BPaths()
    {
        var shortCode = ShortCode();
        var token = Token("ok");
        var refusals = new (C2BRegisterCommand Command, string Field)[]
        {
            (new(shortCode, "completed", Url(C2BCallbackPaths.ConfirmationFor(token)), null), "ResponseType"),
            (new(shortCode, "Completed", Url(C2BCallbackPaths.ConfirmationFor("mpesa" + token)), null), "ConfirmationURL"),
            (new(shortCode, "Completed", Url(C2BCallbackPaths.ConfirmationFor("x-SQL-" + token)), null), "ConfirmationURL"),
            (new(shortCode, "Completed", Url("/index.php"), null), "ConfirmationURL"),
            (new(shortCode, "Completed", Url(C2BCallbackPaths.ValidationFor(token)), null), "ConfirmationURL"),
            (new(shortCode, "Completed", "https://example.com" + C2BCallbackPaths.ConfirmationFor(token), null), "ConfirmationURL"),
            (new(shortCode, "Completed", Url(C2BCallbackPaths.ConfirmationFor(token)), Url(C2BCallbackPaths.ValidationFor("exec" + token))), "ValidationURL"),
            (new(shortCode, "Completed", Url(C2BCallbackPaths.ConfirmationFor(token)), Url(C2BCallbackPaths.ConfirmationFor(token))), "ValidationURL"),
        };

        foreach (var (command, field) in refusals)
        {
            var refused = await Client.RegisterC2BUrlsAsync(Credentials(), command, default);
            Assert.True(refused.Failure is { Code: "400.002.02" } && refused.Failure.Message == "Bad Request - Invalid " + field,
                $"{command}: {refused.Failure?.Message ?? "registered"}");
        }

        var registered = await Client.RegisterC2BUrlsAsync(Credentials(),
            new(shortCode, "Cancelled", Url(C2BCallbackPaths.ConfirmationFor(token)), Url(C2BCallbackPaths.ValidationFor(token))), default);
        Assert.True(registered.Succeeded, registered.Failure?.Message);
        Assert.Matches("^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[0-9]{4}$", registered.Value!.OriginatorConversationId);
        Assert.Equal(new SimulatorC2BRegistration(shortCode, "Cancelled", Url(C2BCallbackPaths.ConfirmationFor(token)),
            Url(C2BCallbackPaths.ValidationFor(token))), Ledger.FindRegistration(shortCode));
    }

    [Fact]
    public async Task RegisterUrlAnswersWithDarajasMisspeltOriginatorCoversationIdOnBothVersionsAndNeedsABearerToken()
    {
        using var http = app.NewClient();
        var token = (await Client.GetTokenAsync(Credentials(), default)).Value!;
        var body = JsonSerializer.Serialize(new
        {
            ShortCode = ShortCode(),
            ResponseType = "Completed",
            ConfirmationURL = Url(C2BCallbackPaths.ConfirmationFor(Token("v"))),
        });

        foreach (var version in new[] { "v1", "v2" })
        {
            using var request = Post($"/sim/daraja/mpesa/c2b/{version}/registerurl", body, token);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["OriginatorCoversationID", "ResponseCode", "ResponseDescription"],
                answer.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(("0", "Success"), (answer.RootElement.GetProperty("ResponseCode").GetString(), answer.RootElement.GetProperty("ResponseDescription").GetString()));
        }

        using var anonymous = Post("/sim/daraja/mpesa/c2b/v2/registerurl", body, bearer: null);
        using var refused = await http.SendAsync(anonymous, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("404.001.04", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task APayBillPaymentIsValidatedThenConfirmedWithDarajasFieldsAllStringsAndTheReceiptTheSimulateAnswerGave()
    {
        var (shortCode, token) = await RegisterAsync("Completed", validation: true);
        var msisdn = Msisdn(TestPhones.Random());
        var before = DateTimeOffset.UtcNow;

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, 250, msisdn, "TEA50"), default);

        Assert.True(paid.Succeeded, paid.Failure?.Message);
        var receipt = paid.Value!.Receipt!;
        Assert.Matches("^[A-Z][A-L][1-9A-V][A-Z0-9]{7}$", receipt);
        var confirmation = await OnlyAsync(token, validation: false);
        var validation = Assert.Single(app.Recorder.For(token, validation: true));
        Assert.True(app.Recorder.Received.ToList().IndexOf(validation) < app.Recorder.Received.ToList().IndexOf(confirmation));
        Assert.All(confirmation.Json.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal((receipt, "", "Pay Bill"), (validation.Field("TransID"), validation.Field("OrgAccountBalance"), validation.Field("TransactionType")));
        Assert.Equal((receipt, "250.00", shortCode, "TEA50"),
            (confirmation.Field("TransID"), confirmation.Field("TransAmount"), confirmation.Field("BusinessShortCode"), confirmation.Field("BillRefNumber")));
        Assert.Equal(msisdn[..4] + "****" + msisdn[^3..], confirmation.Field("MSISDN"));
        Assert.Equal("250.00", confirmation.Field("OrgAccountBalance"));
        Assert.NotEmpty(confirmation.Field("FirstName"));
        Assert.True(C2BPayload.TryParse(confirmation.Json, out var payload));
        Assert.Equal((250m, (string?)null), (payload!.Amount, payload.Phone));
        Assert.InRange(payload.TransTime, before.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(TimeSpan.FromHours(3), payload.TransTime.Offset);
    }

    [Fact]
    public async Task AValidationRefusalEndsThePaymentWithoutConfirmationAndPullTransactionsDoesNotListIt()
    {
        var (shortCode, token) = await RegisterAsync("Completed", validation: true, tokenPrefix: "reject");
        await RegisterPullAsync(shortCode);

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, 90, Msisdn(TestPhones.Random()), "NOSUCH"), default);

        var payment = Ledger.Find(paid.Value!.Receipt!)!;
        await UntilAsync(() => payment.Status != SimulatorC2BStatus.Validating);
        Assert.Equal((SimulatorC2BStatus.Refused, "C2B00012"), (payment.Status, payment.ValidationResultCode));
        Assert.Single(app.Recorder.For(token, validation: true));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(app.Recorder.For(token, validation: false));
        Assert.Empty((await QueryAsync(shortCode, 0)).Transactions);
    }

    [Theory]
    [InlineData("Completed", SimulatorC2BStatus.Completed, 1)]
    [InlineData("Cancelled", SimulatorC2BStatus.Cancelled, 0)]
    public async Task AValidationNotAnsweredInTimeIsDecidedByTheRegisteredResponseType(string responseType, SimulatorC2BStatus status, int confirmations)
    {
        var (shortCode, token) = await RegisterAsync(responseType, validation: true, tokenPrefix: "slow");

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, 40, Msisdn(TestPhones.Random()), "A1"), default);

        var payment = Ledger.Find(paid.Value!.Receipt!)!;
        await UntilAsync(() => payment.Status != SimulatorC2BStatus.Validating);
        Assert.Equal((status, (string?)null), (payment.Status, payment.ValidationResultCode));
        await UntilAsync(() => payment.ConfirmationAttempts >= confirmations);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(confirmations, app.Recorder.For(token, validation: false).Count);
    }

    [Fact]
    public async Task ASecondRegistrationOverwritesTheFirstAsInTheSandbox()
    {
        var (shortCode, first) = await RegisterAsync("Completed", validation: true);
        var second = Token("second");
        var again = await Client.RegisterC2BUrlsAsync(Credentials(), new(shortCode, "Completed", Url(C2BCallbackPaths.ConfirmationFor(second)), null), default);
        Assert.True(again.Succeeded, again.Failure?.Message);

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, 30, Msisdn(TestPhones.Random()), "B2"), default);

        Assert.Equal(paid.Value!.Receipt, (await OnlyAsync(second, validation: false)).Field("TransID"));
        Assert.Empty(app.Recorder.For(second, validation: true));
        Assert.Empty(app.Recorder.For(first, validation: true).Concat(app.Recorder.For(first, validation: false)));
    }

    [Fact]
    public async Task Phone0708000005PaysButIsNeverConfirmedAndOnlyPullTransactionsListsIt()
    {
        var (shortCode, token) = await RegisterAsync("Completed", validation: false);
        await RegisterPullAsync(shortCode);

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, BuyGoods, 75, Msisdn(SimulatorPhones.NoCallback), null), default);

        var listed = Assert.Single((await QueryAsync(shortCode, 0)).Transactions);
        Assert.Equal((paid.Value!.Receipt, 75m, "c2b-buy-goods-debit"), (listed.Receipt, listed.Amount, listed.TransactionType));
        Assert.Equal("2547****005", listed.Msisdn);
        Assert.InRange(listed.CompletedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(2));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(app.Recorder.For(token, validation: false));
        Assert.Equal(0, Ledger.Find(listed.Receipt)!.ConfirmationAttempts);
    }

    [Fact]
    public async Task Phone0708000006IsConfirmedTwiceWithTheSameReceipt()
    {
        var (shortCode, token) = await RegisterAsync("Completed", validation: false);

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, BuyGoods, 120, Msisdn(SimulatorPhones.DuplicateCallback), null), default);

        // The portal's side records a confirmation as it arrives; the simulator counts it delivered once it has the
        // answer, a moment later: both are waited for.
        await UntilAsync(() => app.Recorder.For(token, validation: false).Count >= 2 && Ledger.Find(paid.Value!.Receipt!)?.ConfirmationsDelivered >= 2);
        var confirmations = app.Recorder.For(token, validation: false);
        Assert.Equal(2, confirmations.Count);
        Assert.All(confirmations, c => Assert.Equal((paid.Value!.Receipt, "Buy Goods", ""), (c.Field("TransID"), c.Field("TransactionType"), c.Field("BillRefNumber"))));
        Assert.Equal(2, Ledger.Find(paid.Value!.Receipt!)!.ConfirmationsDelivered);
    }

    [Fact]
    public async Task AShortcodeWithoutRegisteredUrlsIsStillPaidAndListedButNothingIsPosted()
    {
        var shortCode = ShortCode();
        await RegisterPullAsync(shortCode);

        var paid = await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, 60, Msisdn(TestPhones.Random()), "X"), default);

        var payment = Ledger.Find(paid.Value!.Receipt!)!;
        Assert.Equal(SimulatorC2BStatus.Completed, payment.Status);
        Assert.Equal(paid.Value.Receipt, Assert.Single((await QueryAsync(shortCode, 0)).Transactions).Receipt);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(app.Recorder.Received, r => r.Body.Contains(paid.Value.Receipt!, StringComparison.Ordinal));
        Assert.Equal(0, payment.ConfirmationAttempts + payment.ValidationAttempts);
    }

    [Fact]
    public async Task PullTransactionsNeedsRegisteringOnceThenPagesByRowOffsetWithinTheDateRange()
    {
        var shortCode = ShortCode();
        var unregistered = await QueryPullAsync(shortCode, 0);
        Assert.Equal((DarajaFailureKind.Rejected, 400), (unregistered.Failure!.Kind, unregistered.Failure.HttpStatus));
        var first = await Client.RegisterPullAsync(Credentials(), new(shortCode, "0722000000", "https://example.com/pull/notify"), default);
        var again = await Client.RegisterPullAsync(Credentials(), new(shortCode, "254722000000", "https://example.com/pull/notify"), default);
        Assert.Equal((false, true), (first.Value!.AlreadyRegistered, again.Value!.AlreadyRegistered));

        var receipts = new List<string>();
        foreach (var amount in new[] { 10L, 20L, 30L })
        {
            receipts.Add((await Client.SimulateC2BAsync(Credentials(), new(shortCode, PayBill, amount, Msisdn(TestPhones.Random()), "P" + amount), default)).Value!.Receipt!);
        }

        var pages = new[] { await QueryAsync(shortCode, 0), await QueryAsync(shortCode, 2), await QueryAsync(shortCode, 3) };
        Assert.Equal([2, 1, 0], pages.Select(p => p.Transactions.Count));
        Assert.Equal(receipts, pages.SelectMany(p => p.Transactions).Select(t => t.Receipt));
        Assert.Equal([10m, 20m, 30m], pages.SelectMany(p => p.Transactions).Select(t => t.Amount));
        var yesterday = await Client.QueryPullAsync(Credentials(), shortCode, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddHours(-1), 0, default);
        Assert.True(yesterday.Succeeded, yesterday.Failure?.Message);
        Assert.Empty(yesterday.Value!.Transactions);
        Assert.Contains("1001", yesterday.Exchange);
    }

    [Fact]
    public async Task ASimulatedPaymentIsRefusedWithDarajasInvalidFieldMessages()
    {
        var shortCode = ShortCode();
        var cases = new (C2BSimulateCommand Command, string Field)[]
        {
            (new("12", PayBill, 10, Msisdn(TestPhones.Random()), "A"), "ShortCode"),
            (new(shortCode, "CustomerPayBill", 10, Msisdn(TestPhones.Random()), "A"), "CommandID"),
            (new(shortCode, PayBill, 0, Msisdn(TestPhones.Random()), "A"), "Amount"),
            (new(shortCode, PayBill, 10, "0712345678", "A"), "Msisdn"),
            (new(shortCode, PayBill, 10, Msisdn(TestPhones.Random()), new string('A', 21)), "BillRefNumber"),
        };

        foreach (var (command, field) in cases)
        {
            var refused = await Client.SimulateC2BAsync(Credentials(), command, default);
            Assert.Equal("Bad Request - Invalid " + field, refused.Failure?.Message);
        }
    }

    [Fact]
    public async Task AnStkPushMayNotUseAC2BPathAsItsCallBackUrl()
    {
        var push = await Client.StkPushAsync(Credentials(), new("CustomerPayBillOnline", "600111", "600111", 10,
            Msisdn(TestPhones.Random()), Url(C2BCallbackPaths.ConfirmationFor(Token("stk"))), "INV1", "Payment"), default);

        Assert.Equal("Bad Request - Invalid CallBackURL", push.Failure?.Message);
    }

    protected async Task<(string ShortCode, string Token)> RegisterAsync(string responseType, bool validation, string tokenPrefix = "t")
    {
        var shortCode = ShortCode();
        var token = Token(tokenPrefix);
        var registered = await Client.RegisterC2BUrlsAsync(Credentials(), new(shortCode, responseType,
            Url(C2BCallbackPaths.ConfirmationFor(token)), validation ? Url(C2BCallbackPaths.ValidationFor(token)) : null), default);
        Assert.True(registered.Succeeded, registered.Failure?.Message);
        return (shortCode, token);
    }

    protected async Task<C2BReceived> OnlyAsync(string token, bool validation)
    {
        await UntilAsync(() => app.Recorder.For(token, validation).Count > 0);
        return Assert.Single(app.Recorder.For(token, validation));
    }

    protected DarajaCredentials Credentials()
    {
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;
        return new DarajaCredentials(options.ConsumerKey, options.ConsumerSecret, options.Passkey);
    }

    protected static string Msisdn(string localPhone) => "254" + localPhone[1..];

    protected static string ShortCode() => Random.Shared.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A unique token: hex never spells a word Daraja refuses.</summary>
    protected static string Token(string prefix) => prefix + Guid.NewGuid().ToString("N")[..20];

    protected string Url(string path) => new Uri(app.BaseUri, path).ToString();

    protected static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "The condition did not hold within 10 s.");
    }

    private async Task RegisterPullAsync(string shortCode)
    {
        var registered = await Client.RegisterPullAsync(Credentials(), new(shortCode, "0722000000", "https://example.com/pull/notify"), default);
        Assert.True(registered.Succeeded, registered.Failure?.Message);
    }

    private Task<DarajaResult<PullPage>> QueryPullAsync(string shortCode, int offset) =>
        Client.QueryPullAsync(Credentials(), shortCode, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), offset, default);

    private async Task<PullPage> QueryAsync(string shortCode, int offset)
    {
        var page = await QueryPullAsync(shortCode, offset);
        Assert.True(page.Succeeded, page.Failure?.Message);
        return page.Value!;
    }

    private static HttpRequestMessage Post(string path, string json, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}

public sealed class SqliteC2BSimulatorTests(SqliteC2BSimulatorApp app) : C2BSimulatorTests<SqliteC2BSimulatorApp>(app);

public sealed class PostgresC2BSimulatorTests(PostgresC2BSimulatorApp app) : C2BSimulatorTests<PostgresC2BSimulatorApp>(app);

/// <summary>With Mpesa:Simulator:MaskC2BPhones off, the callbacks carry the whole MSISDN.</summary>
public abstract class UnmaskedC2BSimulatorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : UnmaskedC2BSimulatorApp
{
    [Fact]
    public async Task TheConfirmationCarriesTheWholePhoneNumberWhenMaskingIsOff()
    {
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;
        var credentials = new DarajaCredentials(options.ConsumerKey, options.ConsumerSecret, options.Passkey);
        var client = app.Services.GetRequiredService<DarajaClient>();
        var shortCode = Random.Shared.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
        var token = "u" + Guid.NewGuid().ToString("N")[..20];
        var msisdn = "254" + TestPhones.Random()[1..];
        await client.RegisterC2BUrlsAsync(credentials, new(shortCode, "Completed", new Uri(app.BaseUri, C2BCallbackPaths.ConfirmationFor(token)).ToString(), null), default);

        await client.SimulateC2BAsync(credentials, new(shortCode, "CustomerPayBillOnline", 99, msisdn, "ACC1"), default);

        for (var i = 0; i < 100 && app.Recorder.For(token, validation: false).Count == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var confirmation = Assert.Single(app.Recorder.For(token, validation: false));
        Assert.Equal(msisdn, confirmation.Field("MSISDN"));
        Assert.True(C2BPayload.TryParse(confirmation.Json, out var payload));
        Assert.Equal(msisdn, payload!.Phone);
    }
}

public sealed class SqliteUnmaskedC2BSimulatorTests(SqliteUnmaskedC2BSimulatorApp app) : UnmaskedC2BSimulatorTests<SqliteUnmaskedC2BSimulatorApp>(app);

public sealed class PostgresUnmaskedC2BSimulatorTests(PostgresUnmaskedC2BSimulatorApp app) : UnmaskedC2BSimulatorTests<PostgresUnmaskedC2BSimulatorApp>(app);
