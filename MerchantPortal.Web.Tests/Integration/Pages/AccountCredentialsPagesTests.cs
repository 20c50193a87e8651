using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

/// <summary>A portal whose simulator also knows a merchant's own Daraja app, which owns two shortcodes.</summary>
public class CredentialsApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string Key = "shopKey7Q2x";
    public const string Secret = "shopSecret-9fK2mZ";
    public const string Passkey = "shop-passkey-4c1d8e";
    public const string OwnPaybill = "600500";
    public const string OwnStore = "700700";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mpesa:Simulator:Apps:0:ConsumerKey"] = Key,
        ["Mpesa:Simulator:Apps:0:ConsumerSecret"] = Secret,
        ["Mpesa:Simulator:Apps:0:Passkey"] = Passkey,
        ["Mpesa:Simulator:Apps:0:ShortCodes:0"] = OwnPaybill,
        ["Mpesa:Simulator:Apps:0:ShortCodes:1"] = OwnStore,
    };
}

public sealed class SqliteCredentialsApp() : CredentialsApp(DatabaseProvider.Sqlite);

public sealed class PostgresCredentialsApp() : CredentialsApp(DatabaseProvider.Postgres);

public abstract class AccountCredentialsPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CredentialsApp
{
    private static readonly (string, string)[] OwnApp =
        [("Input.ConsumerKey", CredentialsApp.Key), ("Input.ConsumerSecret", CredentialsApp.Secret), ("Input.Passkey", CredentialsApp.Passkey)];

    [Fact]
    public async Task SavedCredentialsAreStoredAsCiphertextAndNeverShownAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", CredentialsApp.OwnPaybill);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var account = await AccountAsync(merchant);
        Assert.Equal(CredentialsApp.Key, account.ConsumerKey);
        Assert.NotNull(account.ConsumerSecretProtected);
        Assert.NotNull(account.PasskeyProtected);
        Assert.NotNull(account.CredentialsUpdatedAt);
        var columns = typeof(Data.Entities.PaymentAccount).GetProperties()
            .Where(p => p.PropertyType == typeof(string)).Select(p => (string?)p.GetValue(account) ?? "").ToList();
        Assert.DoesNotContain(columns, c => c.Contains(CredentialsApp.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(columns, c => c.Contains(CredentialsApp.Passkey, StringComparison.Ordinal));

        var page = await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Credentials/1");
        Assert.Contains("shop…", page);
        Assert.Contains("set on", page);
        foreach (var secret in new[] { CredentialsApp.Key, CredentialsApp.Secret, CredentialsApp.Passkey, account.ConsumerSecretProtected! })
        {
            Assert.DoesNotContain(secret, page);
        }
    }

    [Fact]
    public async Task TestConnectionSaysConnectedWithTheRightSecretAndRefusedWithAWrongOne()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", CredentialsApp.OwnPaybill);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp)).Dispose();

        Assert.Contains("Connected: Daraja issued a token", await TestConnectionAsync(merchant));
        Assert.Contains("The passkey is proven only by the first payment", await TestConnectionAsync(merchant));

        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            ("Input.ConsumerKey", CredentialsApp.Key), ("Input.ConsumerSecret", "not-the-secret"), ("Input.Passkey", CredentialsApp.Passkey))).Dispose();
        Assert.Contains("Daraja refused the consumer key or secret", await TestConnectionAsync(merchant));
    }

    [Fact]
    public async Task APushUsesTheAccountsOwnPasskeyAndFailsOnceTheCredentialsAreRemoved()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", CredentialsApp.OwnPaybill);
        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", OwnApp)).Dispose();

        var started = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var transaction = await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal("succeeded", transaction.GetProperty("status").GetString());

        using var removed = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", "handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await AccountAsync(merchant)).ConsumerSecretProtected);
        var refused = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10")))
            .AssertError(HttpStatusCode.BadGateway, "mpesa_rejected");
        Assert.Contains("Wrong credentials", refused.Message);
    }

    [Fact]
    public async Task ATillWithAStoreNumberPushesWithTheStoreNumberAsBusinessShortCode()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var till = Random.Shared.Next(5_000_000, 5_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await merchant.AddAccountAsync("till", till);
        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            [.. OwnApp, ("Input.StoreNumber", CredentialsApp.OwnStore)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();

        var session = Assert.Single(app.Simulator.Sessions, s => s.PartyB == till);
        Assert.Equal((CredentialsApp.OwnStore, "CustomerBuyGoodsOnline"), (session.BusinessShortCode, session.TransactionType));
    }

    [Fact]
    public async Task HalfTheCredentialsOrAStoreNumberOnAPaybillAreShownNextToTheFieldAndNothingIsWritten()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");

        using var half = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            ("Input.ConsumerKey", CredentialsApp.Key), ("Input.ConsumerSecret", CredentialsApp.Secret));
        var html = await half.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.Passkey\"[^>]*>Enter the passkey too", html);
        Assert.DoesNotContain(CredentialsApp.Secret, html);

        using var store = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", ("Input.StoreNumber", "700700"));
        Assert.Matches("data-valmsg-for=\"Input.StoreNumber\"[^>]*>Only a till has a store number", await store.Content.ReadAsStringAsync());

        var account = await AccountAsync(merchant);
        Assert.Equal((null, null, null, null), (account.ConsumerKey, account.ConsumerSecretProtected, account.StoreNumber, account.CredentialsUpdatedAt));
    }

    [Fact]
    public async Task AnotherMerchantsAccountCredentialsAreNotFound()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "111111");
        await owner.AddAccountAsync("paybill", CredentialsApp.OwnPaybill);
        (await PageForms.PostOwnFormAsync(owner.Api.Http, "/PaymentAccounts/Credentials/2", OwnApp)).Dispose();
        var before = await AccountAsync(owner, sequence: 2);
        Assert.NotNull(before.ConsumerSecretProtected);
        var intruder = await TestMerchant.RegisterAsync(app);
        await intruder.AddAccountAsync("paybill", "222222");

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Api.Http.GetAsync("/PaymentAccounts/Credentials/2")).StatusCode);
        foreach (var target in new[] { "/PaymentAccounts/Credentials/2", "/PaymentAccounts/Credentials/2?handler=Remove", "/PaymentAccounts/Credentials/2?handler=Test" })
        {
            using var posted = await PageForms.PostWithTokenFromAsync(intruder.Api.Http, "/PaymentAccounts/Credentials/1", target,
                ("Input.ConsumerKey", "evilKey1"), ("Input.ConsumerSecret", "evilSecret"), ("Input.Passkey", "evilPass"));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        var after = await AccountAsync(owner, sequence: 2);
        Assert.Equal((before.ConsumerKey, before.ConsumerSecretProtected, before.PasskeyProtected),
            (after.ConsumerKey, after.ConsumerSecretProtected, after.PasskeyProtected));
    }

    internal static async Task<string> TestConnectionAsync(TestMerchant merchant)
    {
        using var tested = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1", "handler=Test");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        return WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync(tested.Headers.Location!.ToString()));
    }

    private Task<Data.Entities.PaymentAccount> AccountAsync(TestMerchant merchant, int sequence = 1) =>
        app.WithDbAsync(db => (from a in db.PaymentAccounts.AsNoTracking()
                               join m in db.Users on a.MerchantId equals m.Id
                               where m.PublicId == merchant.PublicId && a.Sequence == sequence
                               select a).SingleAsync());
}

public sealed class SqliteAccountCredentialsPagesTests(SqliteCredentialsApp app) : AccountCredentialsPagesTests<SqliteCredentialsApp>(app);

public sealed class PostgresAccountCredentialsPagesTests(PostgresCredentialsApp app) : AccountCredentialsPagesTests<PostgresCredentialsApp>(app);

/// <summary>A portal whose "Daraja" is some other web server: its token URL answers 404 with no Daraja error.</summary>
public class BlockedDarajaApp(DatabaseProvider provider) : PortalApp(provider)
{
    private WebhookReceiver? stranger;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            // Started when the app is configured, which is before it starts.
            stranger ??= WebhookReceiver.StartAsync().GetAwaiter().GetResult();
            return new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = stranger.BaseUri.ToString() };
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (stranger is not null)
        {
            await stranger.DisposeAsync();
        }
    }
}

public sealed class SqliteBlockedDarajaApp() : BlockedDarajaApp(DatabaseProvider.Sqlite);

public sealed class PostgresBlockedDarajaApp() : BlockedDarajaApp(DatabaseProvider.Postgres);

public abstract class BlockedDarajaPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : BlockedDarajaApp
{
    [Fact]
    public async Task TestConnectionSaysSafaricomIsUnavailableOrBlockingWhenTheTokenAnswerIsNotDarajas()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600501");

        var said = await AccountCredentialsPagesTests<CredentialsApp>.TestConnectionAsync(merchant);

        Assert.Contains("Safaricom is unavailable or blocking this server's address", said);
        Assert.DoesNotContain("refused the consumer key", said);
    }
}

public sealed class SqliteBlockedDarajaPagesTests(SqliteBlockedDarajaApp app) : BlockedDarajaPagesTests<SqliteBlockedDarajaApp>(app);

public sealed class PostgresBlockedDarajaPagesTests(PostgresBlockedDarajaApp app) : BlockedDarajaPagesTests<PostgresBlockedDarajaApp>(app);
