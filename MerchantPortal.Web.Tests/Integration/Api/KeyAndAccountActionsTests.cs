using System.Net;
using System.Net.Http.Headers;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class KeyAndAccountActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task GeneratedKeyIsShownOnceAndStoredOnlyAsAHash()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var key = await merchant.GenerateKeyAsync("Production");

        Assert.Matches("^sk_live_[0-9A-Za-z]{40}$", key);
        var stored = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == key.Substring(0, 14)));
        Assert.NotEqual(key, stored.KeyHash);
        Assert.DoesNotContain(key, stored.KeyHash + stored.Prefix + stored.Label);
        var listed = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("api_keys")[0];
        Assert.Equal("Production", listed.GetProperty("label").GetString());
        Assert.Equal(key[..14], listed.GetProperty("prefix").GetString());
        Assert.DoesNotContain(key, listed.GetRawText());
    }

    [Theory]
    [InlineData("Two\nlines")]
    [InlineData("\u202Eevil\u202C")]
    public async Task AKeysLabelIsOneLineOfText(string label)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("generate_api_key", ("label", label))).AssertError(HttpStatusCode.BadRequest, "invalid_label");

        Assert.Equal(0, (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("api_keys").GetArrayLength());
    }

    [Fact]
    public async Task AnApiKeyWorksAsFieldBearerOrHeaderOnEveryAuthenticatedAction()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        using var anonymous = app.NewApi();

        (await anonymous.PostAsync("me", ("api_key", key))).AssertOk();
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/index.php?action=me");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(merchant.PublicId, (await anonymous.SendAsync(bearer)).AssertOk().Body.GetProperty("user").GetProperty("id").GetString());
        var header = new HttpRequestMessage(HttpMethod.Get, "/index.php?action=me");
        header.Headers.Add("X-Api-Key", key);
        (await anonymous.SendAsync(header)).AssertOk();
        (await anonymous.PostAsync("save_payment_account", ("api_key", key), ("type", "till"), ("number", "5123456"))).AssertOk();
        (await anonymous.PostAsync("create_link", ("api_key", key), ("title", "By key"))).AssertOk();
        (await anonymous.PostAsync("generate_api_key", ("api_key", key), ("label", "second"))).AssertOk();
    }

    [Fact]
    public async Task PaymentAccountsGetSequentialPaymentIdsAndTheFirstIsPrimary()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        Assert.Equal("#00001", await merchant.AddAccountAsync("paybill", "123456", "MyBusiness"));
        Assert.Equal("#00002", await merchant.AddAccountAsync("till", "654321"));

        var accounts = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("payment_accounts");
        Assert.Equal(2, accounts.GetArrayLength());
        Assert.Equal("paybill", accounts[0].GetProperty("type").GetString());
        Assert.Equal("MyBusiness", accounts[0].GetProperty("accountReference").GetString());
        Assert.True(accounts[0].GetProperty("is_primary").GetBoolean());
        Assert.False(accounts[1].GetProperty("is_primary").GetBoolean());
    }

    [Fact]
    public async Task SavingTheSameTypeAndNumberOrAPaymentIdUpdatesInsteadOfAdding()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456", "Old");

        var same = (await merchant.Api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "123456"), ("accountReference", "New"))).AssertOk();
        Assert.False(same.Data.GetProperty("created").GetBoolean());
        var byId = (await merchant.Api.PostAsync("save_payment_account", ("payment_id", "#00001"), ("type", "till"), ("number", "7654321"))).AssertOk();
        Assert.Equal("#00001", byId.Data.GetProperty("payment_id").GetString());

        var accounts = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("payment_accounts");
        var only = Assert.Single(accounts.EnumerateArray());
        Assert.Equal("till", only.GetProperty("type").GetString());
        Assert.Equal("7654321", only.GetProperty("number").GetString());
        (await merchant.Api.PostAsync("save_payment_account", ("payment_id", "#00009"), ("type", "till"), ("number", "7654321")))
            .AssertError(HttpStatusCode.NotFound, "payment_account_not_found");
    }

    [Theory]
    [InlineData("bank", "123456", null, "invalid_type")]
    [InlineData("paybill", "1234", null, "invalid_number")]
    [InlineData("paybill", "12345678", null, "invalid_number")]
    [InlineData("till", "12a456", null, "invalid_number")]
    [InlineData("paybill", "123456", "ThisIsThirteen", "invalid_account_reference")]
    [InlineData(null, "123456", null, "invalid_type")]
    public async Task SavePaymentAccountRefusesBadInputAndWritesNothing(string? type, string number, string? reference, string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("save_payment_account", ("type", type), ("number", number), ("accountReference", reference)))
            .AssertError(HttpStatusCode.BadRequest, code);

        var me = (await merchant.Api.GetAsync("me")).AssertOk();
        Assert.Equal(0, me.Body.GetProperty("user").GetProperty("payment_accounts").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentAddsNeverShareAPaymentId()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => merchant.AddAccountAsync("till", (5000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"#{i:D5}"), ids.Order());
        var primaries = await app.WithDbAsync(db => db.PaymentAccounts.CountAsync(
            a => a.IsPrimary && db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == merchant.PublicId)));
        Assert.Equal(1, primaries);
    }

    [Fact]
    public async Task ActionsThatNeedAMerchantRefuseAnonymousCalls()
    {
        var api = app.NewApi();
        foreach (var action in new[] { "save_payment_account", "create_link", "generate_api_key", "api_stk", "transactions" })
        {
            (await api.PostAsync(action)).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        }
    }
}

public sealed class SqliteKeyAndAccountActionsTests(SqliteApp app) : KeyAndAccountActionsTests<SqliteApp>(app);

public sealed class PostgresKeyAndAccountActionsTests(PostgresApp app) : KeyAndAccountActionsTests<PostgresApp>(app);
