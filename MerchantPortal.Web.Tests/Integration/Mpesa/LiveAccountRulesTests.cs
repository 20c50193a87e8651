using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// The portal in Sandbox mode against a fake Daraja: its own app is bound to <see cref="PortalShortCode"/> (also the
/// billing account), and <see cref="ConfiguredHeadOffice"/> is the operator's till head office, not merchants'.
/// </summary>
public class SandboxDarajaApp : PortalApp
{
    public const string PortalShortCode = "600111";
    public const string PortalPasskey = "portal-passkey-1b2c";
    public const string ConfiguredHeadOffice = "600999";
    public const string ShopKey = "shopKey8W3y";
    public const string ShopSecret = "shopSecret-3jH8";
    public const string ShopPasskey = "shop-passkey-9e7a";

    public SandboxDarajaApp(DatabaseProvider provider) : base(provider) => Daraja = FakeDaraja.Start();

    public FakeDaraja Daraja { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Mode"] = "Sandbox",
        ["Mpesa:BaseUrl"] = Daraja.BaseUri.ToString(),
        ["Mpesa:ConsumerKey"] = "portal-key",
        ["Mpesa:ConsumerSecret"] = "portal-secret",
        ["Mpesa:Passkey"] = PortalPasskey,
        ["Mpesa:ShortCode"] = PortalShortCode,
        ["Mpesa:TillHeadOfficeShortCode"] = ConfiguredHeadOffice,
        ["App:PublicBaseUrl"] = "http://portal.test",
        ["Mpesa:Reconcile:AfterSeconds"] = "3600",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Daraja.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSandboxDarajaApp() : SandboxDarajaApp(DatabaseProvider.Sqlite);

public sealed class PostgresSandboxDarajaApp() : SandboxDarajaApp(DatabaseProvider.Postgres);

/// <summary>
/// Outside Simulator mode a passkey belongs to the shortcode that went live on its Daraja app: an account other than
/// the portal's own needs its own app, and a merchant's till its store number, before anything is pushed.
/// </summary>
public abstract class LiveAccountRulesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SandboxDarajaApp
{
    private static readonly (string, string)[] OwnApp =
        [("Input.ConsumerKey", SandboxDarajaApp.ShopKey), ("Input.ConsumerSecret", SandboxDarajaApp.ShopSecret), ("Input.Passkey", SandboxDarajaApp.ShopPasskey)];

    [Fact]
    public async Task AnAccountWithoutItsOwnDarajaAppIsRefusedBeforeAnyRowOrPushAndTheIdempotencyKeyIsNotKept()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600222");
        var phone = TestPhones.Random();

        var refused = await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "order-7"));

        refused.AssertError(HttpStatusCode.Conflict, "daraja_credentials_required");
        Assert.Contains("Add this account's own Daraja app (consumer key, secret and passkey) on its Daraja credentials page", refused.Message);
        Assert.Equal(0, await TransactionCountAsync(merchant));
        Assert.Null(app.Daraja.LastPushTo(phone));

        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp)).Dispose();
        var pushed = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"), ("idempotency_key", "order-7"))).AssertOk();

        Assert.Equal("pending", pushed.Data.GetProperty("status").GetString());
        Assert.Equal(1, await TransactionCountAsync(merchant));
        var body = app.Daraja.LastPushTo(phone)!.Value;
        Assert.Equal("600222", body.GetProperty("BusinessShortCode").ToString());
        Assert.Equal(Password("600222", SandboxDarajaApp.ShopPasskey, body), body.GetProperty("Password").GetString());
    }

    [Fact]
    public async Task APaymentLinkOfAnAccountWithoutItsOwnDarajaAppTellsTheCustomerTheMerchantIsNotReadyAndWritesNoRow()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600223");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Shoes"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        (await app.NewApi().PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.Conflict, "merchant_not_ready");

        Assert.Equal(0, await TransactionCountAsync(merchant));
    }

    [Fact]
    public async Task TheBillingAccountStillRenewsThroughThePortalsOwnApp()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        var phone = TestPhones.Random();

        var started = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", phone))).AssertOk();

        Assert.Equal("pending", started.Data.GetProperty("status").GetString());
        var body = app.Daraja.LastPushTo(phone)!.Value;
        Assert.Equal(SandboxDarajaApp.PortalShortCode, body.GetProperty("BusinessShortCode").ToString());
        Assert.Equal(Password(SandboxDarajaApp.PortalShortCode, SandboxDarajaApp.PortalPasskey, body), body.GetProperty("Password").GetString());
    }

    [Fact]
    public async Task AMerchantsTillNeedsItsOwnStoreNumberWhichIsSentAsBusinessShortCodeWithTheTillAsPartyB()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", "555001");
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp)).Dispose();
        var phone = TestPhones.Random();

        var refused = await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"));

        refused.AssertError(HttpStatusCode.Conflict, "till_store_number_required");
        Assert.Contains("store number", refused.Message);
        Assert.Equal(0, await TransactionCountAsync(merchant));
        Assert.Null(app.Daraja.LastPushTo(phone));

        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ("Input.StoreNumber", "777001"))).Dispose();
        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk();

        var body = app.Daraja.LastPushTo(phone)!.Value;
        Assert.Equal("CustomerBuyGoodsOnline", body.GetProperty("TransactionType").GetString());
        Assert.Equal("777001", body.GetProperty("BusinessShortCode").ToString());
        Assert.Equal("555001", body.GetProperty("PartyB").ToString());
        Assert.Equal(Password("777001", SandboxDarajaApp.ShopPasskey, body), body.GetProperty("Password").GetString());
    }

    [Fact]
    public async Task TheDashboardAndAccountPagesSayWhichAccountsNeedTheirOwnDarajaSetupBeforeAnyoneTries()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600224");
        await merchant.AddAccountAsync("till", "555002");
        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);

        foreach (var path in new[] { "/Dashboard", "/PaymentAccounts" })
        {
            var page = await merchant.Api.Http.GetStringAsync(path);
            Assert.Contains("#00001 cannot take payments yet", page);
            Assert.Contains("#00002 cannot take payments yet", page);
            Assert.DoesNotContain("#00003 cannot take payments yet", page);
            Assert.Contains("Add this account&#x27;s own Daraja app", page);
            Assert.Contains("/PaymentAccounts/Credentials/1", page);
        }

        Assert.Contains("This account cannot take payments yet", await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Credentials/2"));
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/2", OwnApp)).Dispose();
        var accounts = await merchant.Api.Http.GetStringAsync("/PaymentAccounts");
        Assert.Contains("data-code=\"till_store_number_required\"", accounts);
        Assert.Contains("Add this till&#x27;s store number", accounts);
    }

    private Task<int> TransactionCountAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => db.Transactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == merchant.PublicId)));

    /// <summary>Daraja's password: base64 of shortcode, passkey and the request's own timestamp.</summary>
    private static string Password(string shortCode, string passkey, JsonElement body) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(shortCode + passkey + body.GetProperty("Timestamp").GetString()));
}

public sealed class SqliteLiveAccountRulesTests(SqliteSandboxDarajaApp app) : LiveAccountRulesTests<SqliteSandboxDarajaApp>(app);

public sealed class PostgresLiveAccountRulesTests(PostgresSandboxDarajaApp app) : LiveAccountRulesTests<PostgresSandboxDarajaApp>(app);

/// <summary>In Simulator mode the simulator's app takes any account: no account needs its own Daraja setup.</summary>
public abstract class SimulatorAccountRulesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task NoPageAsksForOwnDarajaSetupAndAnAccountWithoutItPushes()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600225");
        await merchant.AddAccountAsync("till", "555003");

        foreach (var path in new[] { "/Dashboard", "/PaymentAccounts", "/PaymentAccounts/Credentials/2" })
        {
            var page = await merchant.Api.Http.GetStringAsync(path);
            Assert.DoesNotContain("cannot take payments yet", page);
        }

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("payment_id", "#00002"))).AssertOk();
    }
}

public sealed class SqliteSimulatorAccountRulesTests(SqliteApp app) : SimulatorAccountRulesTests<SqliteApp>(app);

public sealed class PostgresSimulatorAccountRulesTests(PostgresApp app) : SimulatorAccountRulesTests<PostgresApp>(app);
