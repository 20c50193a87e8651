using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>A lenient simulator that answers slowly and knows only two shortcodes (not the Strict mode).</summary>
public sealed class ShortCodeListSimulatorApp() : PortalApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "3",
        ["Mpesa:Simulator:LockSubscriber"] = "true",
        ["Mpesa:Simulator:ShortCodes:0"] = "600111",
        ["Mpesa:Simulator:ShortCodes:1"] = "600222",
    };
}

/// <summary>Our Daraja client against the built-in simulator over real HTTP: the contract both sides keep.</summary>
public sealed class DarajaSimulatorTests(ShortCodeListSimulatorApp app) : IClassFixture<ShortCodeListSimulatorApp>
{
    [Fact]
    public void TheShippedSettingsGiveAPush45SecondsAndAQuery20SecondsToBeAnswered()
    {
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;

        Assert.Equal(45, options.TimeoutSeconds);
        Assert.Equal(20, options.QueryTimeoutSeconds);
    }

    [Fact]
    public async Task APaybillPushIsAcceptedAndQueryingSaysPendingUntilTheCustomerAnswers()
    {
        var (client, credentials) = Client();
        var phone = "254" + TestPhones.Random()[1..];

        var push = await client.StkPushAsync(credentials, Command("CustomerPayBillOnline", "600111", "600111", phone), default);

        Assert.True(push.Succeeded, push.Failure?.Message);
        Assert.Matches(@"^ws_CO_\d{17}" + phone[^9..] + "$", push.Value!.CheckoutRequestId);
        var query = await client.StkQueryAsync(credentials, "600111", push.Value.CheckoutRequestId, default);
        Assert.True(query.Succeeded && query.Value!.IsPending);
        var second = await client.StkPushAsync(credentials, Command("CustomerPayBillOnline", "600111", "600111", phone), default);
        Assert.Contains("lock subscriber", second.Failure!.Message);
    }

    [Fact]
    public async Task ATillPushUsesTheStoreNumberAsShortcodeAndTheTillAsPartyB()
    {
        var (client, credentials) = Client();

        var push = await client.StkPushAsync(credentials, Command("CustomerBuyGoodsOnline", "600222", "5123456", "254" + TestPhones.Random()[1..]), default);

        Assert.True(push.Succeeded, push.Failure?.Message);
    }

    [Fact]
    public async Task AWrongPasskeyOrUnknownShortcodeIsRefusedWithDarajasMessages()
    {
        var (client, credentials) = Client();

        var wrongPasskey = await client.StkPushAsync(credentials with { Passkey = "not-the-passkey" },
            Command("CustomerPayBillOnline", "600111", "600111", "254" + TestPhones.Random()[1..]), default);
        var unknownShortcode = await client.StkPushAsync(credentials,
            Command("CustomerPayBillOnline", "999999", "999999", "254" + TestPhones.Random()[1..]), default);

        Assert.Equal(("500.001.1001", "Wrong credentials"), (wrongPasskey.Failure!.Code, wrongPasskey.Failure.Message));
        Assert.Equal(("500.001.1001", "Merchant does not exist"), (unknownShortcode.Failure!.Code, unknownShortcode.Failure.Message));
        Assert.Equal(DarajaFailureKind.Rejected, wrongPasskey.Failure.Kind);
    }

    [Fact]
    public async Task WrongConsumerCredentialsGetNoToken()
    {
        var (client, credentials) = Client();

        var result = await client.GetTokenAsync(credentials with { ConsumerSecret = "wrong" }, default);

        Assert.False(result.Succeeded);
        Assert.Equal(DarajaFailureKind.Rejected, result.Failure!.Kind);
    }

    private (DarajaClient Client, DarajaCredentials Credentials) Client()
    {
        var options = app.Services.GetRequiredService<IOptions<MpesaOptions>>().Value;
        return (app.Services.GetRequiredService<DarajaClient>(), new DarajaCredentials(options.ConsumerKey, options.ConsumerSecret, options.Passkey));
    }

    private Uri Callback => new(app.BaseUri, "/hooks/stk/test-" + Guid.NewGuid().ToString("N"));

    private StkPushCommand Command(string type, string shortCode, string partyB, string phone) =>
        new(type, shortCode, partyB, 10, phone, Callback.ToString(), "INV1", "Payment");
}
