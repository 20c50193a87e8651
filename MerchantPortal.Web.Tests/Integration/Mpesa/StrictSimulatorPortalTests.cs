using System.Net;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Mpesa;

/// <summary>
/// The portal against its own simulator with Mpesa:Simulator:Strict on: the portal's app is bound to
/// <see cref="PortalShortCode"/> (also the billing account); the shop's app, which merchants save as their own, to the
/// paybill <see cref="ShopPaybill"/> and to two tills under their stores.
/// </summary>
public class StrictPortalApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string PortalShortCode = "600111";
    public const string ShopPaybill = "600222";
    public const string ShopTill = "555001";
    public const string ShopStore = "777001";
    public const string OtherTill = "555002";
    public const string ShopKey = "shopKey8W3y";
    public const string ShopSecret = "shopSecret-3jH8";
    public const string ShopPasskey = "shop-passkey-9e7a";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:Strict"] = "true",
        // Long enough for a second push to find the first prompt still open.
        ["Mpesa:Simulator:CallbackDelaySeconds"] = "1.5",
        ["Mpesa:ConsumerKey"] = "portal-key",
        ["Mpesa:ConsumerSecret"] = "portal-secret",
        ["Mpesa:Passkey"] = "portal-passkey-1b2c",
        ["Mpesa:ShortCode"] = PortalShortCode,
        ["Mpesa:Simulator:Apps:0:ConsumerKey"] = ShopKey,
        ["Mpesa:Simulator:Apps:0:ConsumerSecret"] = ShopSecret,
        ["Mpesa:Simulator:Apps:0:Passkey"] = ShopPasskey,
        ["Mpesa:Simulator:Apps:0:ShortCodes:0"] = ShopPaybill,
        ["Mpesa:Simulator:Apps:0:ShortCodes:1"] = $"{ShopTill}:{ShopStore}",
        ["Mpesa:Simulator:Apps:0:ShortCodes:2"] = $"{OtherTill}:777002",
    };
}

public sealed class SqliteStrictPortalApp() : StrictPortalApp(DatabaseProvider.Sqlite);

public sealed class PostgresStrictPortalApp() : StrictPortalApp(DatabaseProvider.Postgres);

/// <summary>
/// Under the strict simulator the portal applies its live rules, and each payment ends in the state Daraja's answer
/// calls for: paid through the app bound to its shortcode, failed at once when Daraja refuses the push, failed with
/// Daraja's code when the callback says so.
/// </summary>
public abstract class StrictSimulatorPortalTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : StrictPortalApp
{
    private static readonly (string, string)[] ShopApp =
        [("Input.ConsumerKey", StrictPortalApp.ShopKey), ("Input.ConsumerSecret", StrictPortalApp.ShopSecret), ("Input.Passkey", StrictPortalApp.ShopPasskey)];

    [Fact]
    public async Task APaybillWithoutItsOwnAppIsRefusedAndThroughItsOwnBoundAppIsPaidEndToEnd()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", StrictPortalApp.ShopPaybill);
        var phone = TestPhones.Random();

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertError(HttpStatusCode.Conflict, "daraja_credentials_required");
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ShopApp)).Dispose();
        var paid = await PayAsync(merchant, phone);

        Assert.Equal("succeeded", paid.GetProperty("status").GetString());
        Assert.Equal(StrictPortalApp.ShopPaybill, SessionOf(phone).BusinessShortCode);
    }

    [Fact]
    public async Task ATillWithoutAStoreNumberIsRefusedAndWithItIsPaidWithTheStoreAsBusinessShortCodeAndTheTillAsPartyB()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", StrictPortalApp.ShopTill);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ShopApp)).Dispose();
        var phone = TestPhones.Random();

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertError(HttpStatusCode.Conflict, "till_store_number_required");
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ("Input.StoreNumber", StrictPortalApp.ShopStore))).Dispose();
        var paid = await PayAsync(merchant, phone);

        Assert.Equal("succeeded", paid.GetProperty("status").GetString());
        var session = SessionOf(phone);
        Assert.Equal((StrictPortalApp.ShopStore, StrictPortalApp.ShopTill), (session.BusinessShortCode, session.PartyB));
    }

    [Fact]
    public async Task ATillWhoseStoreNumberIsTheTillItselfFailsWithDarajasProductAssignmentCode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("till", StrictPortalApp.OtherTill);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            [.. ShopApp, ("Input.StoreNumber", StrictPortalApp.OtherTill)])).Dispose();

        var done = await PayAsync(merchant, TestPhones.Random());

        Assert.Equal(("failed", "2028"), (done.GetProperty("status").GetString(), done.GetProperty("result_code").GetString()));
    }

    [Fact]
    public async Task AnAccountPushedThroughAnAppItsShortcodeIsNotBoundToFailsAtOnceAsAMerchantThatDoesNotExist()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", StrictPortalApp.PortalShortCode);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ShopApp)).Dispose();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");

        Assert.Contains("Merchant does not exist", refused.Message);
        var transaction = await TransactionAsync(merchant, refused.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal(("failed", "500.001.1001"), (transaction.GetProperty("status").GetString(), transaction.GetProperty("result_code").GetString()));
    }

    [Fact]
    public async Task AnAccountSavedWithAnotherPasskeyThanItsAppsFailsAtOnceWithWrongCredentials()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", StrictPortalApp.ShopPaybill);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            [.. ShopApp[..2], ("Input.Passkey", "not-the-shop-passkey")])).Dispose();

        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");

        Assert.Contains("Wrong credentials", refused.Message);
        var transaction = await TransactionAsync(merchant, refused.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal("failed", transaction.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASecondPushToAPhoneWithAPromptOpenFailsAtOnceAndTheFirstIsStillPaid()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", StrictPortalApp.PortalShortCode);
        var phone = TestPhones.Random();

        var first = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var second = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "25"))).AssertError(HttpStatusCode.Conflict, "subscriber_busy");

        var refused = await TransactionAsync(merchant, second.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal(("failed", "500.001.1001"), (refused.GetProperty("status").GetString(), refused.GetProperty("result_code").GetString()));
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(first)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheBillingAccountRenewsThroughThePortalsOwnAppWithAContentLength()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        var phone = TestPhones.Random();

        var started = (await app.NewApi().PostAsync("renew_subscription", ("api_key", key), ("phone", phone))).AssertOk();

        Assert.Equal("pending", started.Data.GetProperty("status").GetString());
        Assert.Equal(StrictPortalApp.PortalShortCode, SessionOf(phone).BusinessShortCode);
    }

    [Fact]
    public async Task TheDashboardSaysWhichAccountsNeedTheirOwnDarajaSetup()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600225");

        var dashboard = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("#00001 cannot take payments yet", dashboard);
        Assert.Contains("Add this account&#x27;s own Daraja app", dashboard);
    }

    [Fact]
    public async Task TheAdminPageSaysPaymentsGoToTheStrictSimulator()
    {
        var admin = await TestAdmin.CreateAsync(app);

        var page = await admin.Api.Http.GetStringAsync("/Admin");

        Assert.Contains("<strong>Simulator (strict)</strong>", page);
        Assert.Contains("data-strict=\"true\"", page);
    }

    private async Task<System.Text.Json.JsonElement> PayAsync(TestMerchant merchant, string phone)
    {
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        return await merchant.WaitForFinalAsync(id);
    }

    private static async Task<System.Text.Json.JsonElement> TransactionAsync(TestMerchant merchant, string id) =>
        (await merchant.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");

    private SimulatorSession SessionOf(string phone) => app.Simulator.Sessions.Single(s => s.PhoneNumber == "254" + phone[1..]);
}

public sealed class SqliteStrictSimulatorPortalTests(SqliteStrictPortalApp app) : StrictSimulatorPortalTests<SqliteStrictPortalApp>(app);

public sealed class PostgresStrictSimulatorPortalTests(PostgresStrictPortalApp app) : StrictSimulatorPortalTests<PostgresStrictPortalApp>(app);
