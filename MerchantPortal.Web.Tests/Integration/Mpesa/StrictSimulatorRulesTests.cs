using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// The simulator with Mpesa:Simulator:Strict on. The portal's own app has no Mpesa:ShortCode, so it serves the
/// billing fallback <c>174379</c> and the operator's till head office <see cref="HeadOffice"/>; the shop's app serves
/// paybill <see cref="ShopPaybill"/> and till <see cref="ShopTill"/> under store <see cref="ShopStore"/>.
/// App:PublicBaseUrl is plain http on a host that is not this machine, which only the strict rules refuse.
/// </summary>
public sealed class StrictRulesSimulatorApp() : PortalApp(DatabaseProvider.Sqlite)
{
    public const string HeadOffice = "600999";
    public const string ShopPaybill = "600222";
    public const string ShopTill = "5123456";
    public const string ShopStore = "600333";

    public static readonly DarajaCredentials Portal = new("portal-key", "portal-secret", "portal-passkey");
    public static readonly DarajaCredentials Shop = new("shop-key", "shop-secret", "shop-passkey");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["App:PublicBaseUrl"] = "http://portal.test",
        ["Mpesa:Simulator:Strict"] = "true",
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "3",
        ["Mpesa:ConsumerKey"] = Portal.ConsumerKey,
        ["Mpesa:ConsumerSecret"] = Portal.ConsumerSecret,
        ["Mpesa:Passkey"] = Portal.Passkey,
        ["Mpesa:TillHeadOfficeShortCode"] = HeadOffice,
        ["Mpesa:Simulator:Apps:0:ConsumerKey"] = Shop.ConsumerKey,
        ["Mpesa:Simulator:Apps:0:ConsumerSecret"] = Shop.ConsumerSecret,
        ["Mpesa:Simulator:Apps:0:Passkey"] = Shop.Passkey,
        ["Mpesa:Simulator:Apps:0:ShortCodes:0"] = ShopPaybill,
        ["Mpesa:Simulator:Apps:0:ShortCodes:1"] = $"{ShopTill}:{ShopStore}",
    };
}

/// <summary>Our Daraja client (and a raw client where ours cannot misbehave) against the strict simulator over HTTP.</summary>
public sealed class StrictSimulatorRulesTests(StrictRulesSimulatorApp app) : IClassFixture<StrictRulesSimulatorApp>
{
    private const string PayBill = "CustomerPayBillOnline";
    private const string BuyGoods = "CustomerBuyGoodsOnline";

    private static DarajaCredentials Portal => StrictRulesSimulatorApp.Portal;

    private static DarajaCredentials Shop => StrictRulesSimulatorApp.Shop;

    [Fact]
    public async Task ThePortalsAppServesTheBillingFallbackAndTheTillHeadOfficeButNoOtherShortcode()
    {
        var billing = await PushAsync(Portal, PayBill, "174379", "174379");
        var headOffice = await PushAsync(Portal, PayBill, StrictRulesSimulatorApp.HeadOffice, StrictRulesSimulatorApp.HeadOffice);
        var unbound = await PushAsync(Portal, PayBill, "600111", "600111");

        Assert.True(billing.Succeeded, billing.Failure?.Message);
        Assert.True(headOffice.Succeeded, headOffice.Failure?.Message);
        Assert.Equal(("500.001.1001", "Merchant does not exist"), (unbound.Failure!.Code, unbound.Failure.Message));
    }

    [Fact]
    public async Task AShortcodeIsServedOnlyThroughTheAppBoundToItAndWithThatAppsPasskey()
    {
        var ownApp = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill);
        var otherAppsToken = await PushAsync(Portal with { Passkey = Shop.Passkey }, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill);
        var otherPasskey = await PushAsync(Shop with { Passkey = Portal.Passkey }, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill);

        Assert.True(ownApp.Succeeded, ownApp.Failure?.Message);
        Assert.Equal(("500.001.1001", "Merchant does not exist"), (otherAppsToken.Failure!.Code, otherAppsToken.Failure.Message));
        Assert.Equal(("500.001.1001", "Wrong credentials"), (otherPasskey.Failure!.Code, otherPasskey.Failure.Message));
    }

    [Fact]
    public async Task AQueryIsServedOnlyThroughTheAppBoundToItsShortcode()
    {
        var push = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill);
        var client = Client();

        var own = await client.StkQueryAsync(Shop, StrictRulesSimulatorApp.ShopPaybill, push.Value!.CheckoutRequestId, default);
        var otherApp = await client.StkQueryAsync(Portal with { Passkey = Shop.Passkey }, StrictRulesSimulatorApp.ShopPaybill, push.Value.CheckoutRequestId, default);
        var unbound = await client.StkQueryAsync(Shop, "600444", push.Value.CheckoutRequestId, default);

        Assert.True(own.Succeeded, own.Failure?.Message);
        Assert.Equal("Merchant does not exist", otherApp.Failure!.Message);
        Assert.Equal("Merchant does not exist", unbound.Failure!.Message);
        Assert.Equal("Wrong credentials", (await client.StkQueryAsync(Shop with { Passkey = Portal.Passkey }, StrictRulesSimulatorApp.ShopPaybill,
            push.Value.CheckoutRequestId, default)).Failure!.Message);
    }

    [Fact]
    public async Task ATillPushedWithItsStoreNumberIsPaidAndPushedWithTheTillItselfFailsWithProductAssignment()
    {
        var store = await PushAsync(Shop, BuyGoods, StrictRulesSimulatorApp.ShopStore, StrictRulesSimulatorApp.ShopTill);
        var tillItself = await PushAsync(Shop, BuyGoods, StrictRulesSimulatorApp.ShopTill, StrictRulesSimulatorApp.ShopTill);

        Assert.True(store.Succeeded, store.Failure?.Message);
        Assert.True(tillItself.Succeeded, tillItself.Failure?.Message);
        Assert.Equal(0, app.Simulator.FindSession(store.Value!.CheckoutRequestId)!.Outcome.ResultCode);
        var refused = app.Simulator.FindSession(tillItself.Value!.CheckoutRequestId)!.Outcome;
        Assert.Equal((2028, "The request is not permitted according to product assignment."), (refused.ResultCode, refused.ResultDesc));
    }

    [Fact]
    public async Task ACallBackUrlMustBeHttpsUnlessItIsThisMachine()
    {
        var plainHttp = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill,
            callbackUrl: "http://portal.test/hooks/stk/t" + Guid.NewGuid().ToString("N"));
        var loopback = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill);

        Assert.Equal(("400.002.02", "Bad Request - Invalid CallBackURL"), (plainHttp.Failure!.Code, plainHttp.Failure.Message));
        Assert.True(loopback.Succeeded, loopback.Failure?.Message);
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("CMD")]
    [InlineData("sql")]
    [InlineData("mpesa")]
    [InlineData("query")]
    public async Task ACallBackUrlWithAWordDarajaFiltersIsRefused(string word)
    {
        var refused = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill,
            callbackUrl: new Uri(app.BaseUri, $"/hooks/stk/{word}{Guid.NewGuid():N}").ToString());

        Assert.Equal(("400.002.02", "Bad Request - Invalid CallBackURL"), (refused.Failure!.Code, refused.Failure.Message));
    }

    [Fact]
    public async Task AChunkedBodyIsRefusedAndTheSameBodyWithAContentLengthIsAccepted()
    {
        var token = (await Client().GetTokenAsync(Shop, default)).Value!;
        var timestamp = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var body = new Dictionary<string, object>
        {
            ["BusinessShortCode"] = StrictRulesSimulatorApp.ShopPaybill,
            ["Password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(StrictRulesSimulatorApp.ShopPaybill + Shop.Passkey + timestamp)),
            ["Timestamp"] = timestamp,
            ["TransactionType"] = PayBill,
            ["Amount"] = 10,
            ["PartyA"] = Msisdn(),
            ["PartyB"] = StrictRulesSimulatorApp.ShopPaybill,
            ["PhoneNumber"] = Msisdn(),
            ["CallBackURL"] = Callback(),
            ["AccountReference"] = "INV1",
            ["TransactionDesc"] = "Payment",
        };
        using var http = app.NewClient();

        // JsonContent streams its body chunked: it cannot say its length beforehand.
        var unsized = JsonContent.Create(body);
        Assert.Null(unsized.Headers.ContentLength);

        using var chunked = await SendAsync(http, token, unsized);
        using var sized = await SendAsync(http, token, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.LengthRequired, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sized.StatusCode);
    }

    [Fact]
    public async Task ASecondPushToAPhoneWithAPromptOpenIsRefusedByDefault()
    {
        var phone = Msisdn();

        var first = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill, phone);
        var second = await PushAsync(Shop, PayBill, StrictRulesSimulatorApp.ShopPaybill, StrictRulesSimulatorApp.ShopPaybill, phone);

        Assert.True(first.Succeeded, first.Failure?.Message);
        Assert.Equal("Unable to lock subscriber, a transaction is already in process for the current subscriber", second.Failure!.Message);
    }

    [Fact]
    public async Task OnlyTheAppAShortcodeIsBoundToMayRegisterItsC2BUrlsPayItFromTheMenuOrPullIt()
    {
        var client = Client();
        var token = "t" + Guid.NewGuid().ToString("N");
        C2BRegisterCommand Register(string shortCode) =>
            new(shortCode, "Completed", new Uri(app.BaseUri, C2BCallbackPaths.ConfirmationFor(token)).ToString(), null);

        var ownPaybill = await client.RegisterC2BUrlsAsync(Shop, Register(StrictRulesSimulatorApp.ShopPaybill), default);
        var ownTill = await client.SimulateC2BAsync(Shop, new(StrictRulesSimulatorApp.ShopTill, BuyGoods, 10, Msisdn(), null), default);
        var ownPull = await client.RegisterPullAsync(Shop, new(StrictRulesSimulatorApp.ShopPaybill, "0722000000", "https://example.com/pull"), default);
        var othersPaybill = await client.RegisterC2BUrlsAsync(Portal, Register(StrictRulesSimulatorApp.ShopPaybill), default);
        var unbound = await client.SimulateC2BAsync(Shop, new("600111", PayBill, 10, Msisdn(), "A1"), default);
        var othersPull = await client.QueryPullAsync(Portal, StrictRulesSimulatorApp.ShopPaybill, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 0, default);

        Assert.True(ownPaybill.Succeeded && ownTill.Succeeded && ownPull.Succeeded,
            ownPaybill.Failure?.Message ?? ownTill.Failure?.Message ?? ownPull.Failure?.Message);
        Assert.All(new[] { othersPaybill.Failure, unbound.Failure, othersPull.Failure },
            f => Assert.Equal("Bad Request - Invalid ShortCode", f?.Message));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sim/daraja/mpesa/stkpush/v1/processrequest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private Task<DarajaResult<StkPushAccepted>> PushAsync(
        DarajaCredentials credentials, string type, string shortCode, string partyB, string? phone = null, string? callbackUrl = null) =>
        Client().StkPushAsync(credentials,
            new StkPushCommand(type, shortCode, partyB, 10, phone ?? Msisdn(), callbackUrl ?? Callback(), "INV1", "Payment"), default);

    private DarajaClient Client() => app.Services.GetRequiredService<DarajaClient>();

    private string Callback() => new Uri(app.BaseUri, "/hooks/stk/t" + Guid.NewGuid().ToString("N")).ToString();

    private static string Msisdn() => "254" + TestPhones.Random()[1..];
}

public sealed class SimulatorOptionsTests
{
    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void LockSubscriberFollowsStrictUnlessItIsSetExplicitly(bool strict, bool? setting, bool locks) =>
        Assert.Equal(locks, new SimulatorOptions { Strict = strict, LockSubscriber = setting }.LocksSubscriber);
}
