using System.Net;
using System.Text;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>What scripts really send: repeated fields, odd content types, spaces, other scripts' digits.</summary>
public sealed class InputEdgeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task PasswordsAreTakenExactlyAsSentAndOtherFieldsTrimmed()
    {
        var username = "trim" + Guid.NewGuid().ToString("N")[..8];
        var api = app.NewApi();
        (await api.PostAsync("register", ("username", $"  {username} "), ("email", $" {username}@example.com "), ("password", " pass1 "))).AssertOk();

        (await app.NewApi().PostAsync("login", ("user", username), ("password", "pass1"))).AssertError(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await app.NewApi().PostAsync("login", ("user", username), ("password", " pass1 "))).AssertOk();
    }

    [Fact]
    public async Task ARepeatedFieldIsRefusedWhenItsValuesDifferAndTakenOnceWhenTheyAgree()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var conflicting = new MultipartFormDataContent
        {
            { new StringContent("logout"), "action" },
            { new StringContent("me"), "action" },
        };
        var agreeing = new MultipartFormDataContent
        {
            { new StringContent("me"), "action" },
            { new StringContent("me"), "action" },
        };

        // Which one was meant cannot be guessed (PHP would quietly keep the last): nothing runs.
        (await merchant.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = conflicting }))
            .AssertError(HttpStatusCode.BadRequest, "conflicting_field");
        var response = await merchant.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = agreeing });

        Assert.Equal(merchant.PublicId, response.AssertOk().Body.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ABodyOfAnUnreadableTypeIsA415InTheEnvelope()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = new StringContent("action=me", Encoding.UTF8, "text/plain") };

        (await app.NewApi().SendAsync(request)).AssertError(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("number", "١٢٣٤٥٦")]
    [InlineData("number", "１２３４５６")]
    public async Task DigitsOfOtherScriptsAreNotShortcodes(string field, string value)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("save_payment_account", ("type", "paybill"), (field, value))).AssertError(HttpStatusCode.BadRequest, "invalid_number");
        (await merchant.Api.PostAsync("api_stk", ("phone", "07١٢٣٤٥٦٧٨"), ("amount", "10"))).AssertError(HttpStatusCode.BadRequest, "invalid_phone");
        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "١٠"))).AssertError(HttpStatusCode.BadRequest, "invalid_amount");
    }

    [Theory]
    [InlineData("https://x.com/a.png\" onerror=\"alert(3)")]
    [InlineData("https://x.com/a b.png")]
    [InlineData("https:///nohost.png")]
    [InlineData("//x.com/a.png")]
    public async Task LogosMustBePlainHttpUrls(string logo)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("create_link", ("title", "Logo"), ("logo", logo))).AssertError(HttpStatusCode.BadRequest, "invalid_logo");
    }

    [Fact]
    public async Task UpdatingAnAccountByPaymentIdChangesOnlyTheFieldsSent()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456", "MyBusiness");

        (await merchant.Api.PostAsync("save_payment_account", ("payment_id", "#00001"), ("number", "654321"))).AssertOk();
        (await merchant.Api.PostAsync("save_payment_account", ("payment_id", "#00001"), ("accountReference", "Renamed"))).AssertOk();

        var account = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("payment_accounts")[0];
        Assert.Equal("paybill", account.GetProperty("type").GetString());
        Assert.Equal("654321", account.GetProperty("number").GetString());
        Assert.Equal("Renamed", account.GetProperty("accountReference").GetString());
    }

    [Fact]
    public async Task TheCallbackUrlNeverComesFromTheRequestsHostHeader()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Host"), ("amount", "10"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var form = new MultipartFormDataContent
        {
            { new StringContent("pay_from_link"), "action" }, { new StringContent(merchant.PublicId), "uid" },
            { new StringContent(lid), "lid" }, { new StringContent(TestPhones.Random()), "phone" }, { new StringContent("10"), "amount" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = form };
        request.Headers.Host = "attacker.example:5999";

        var id = (await app.NewApi().SendAsync(request)).AssertOk().Data.GetProperty("transaction_id").GetString()!;

        var done = await merchant.WaitForFinalAsync(id);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, done.GetProperty("receipt").ValueKind);
    }

    [Theory]
    [InlineData("carl@ex")]
    [InlineData("carl@@example.com")]
    [InlineData("carl example@example.com")]
    public async Task EmailsNeedAProperDomain(string email)
    {
        (await app.NewApi().PostAsync("register", ("username", "e" + Guid.NewGuid().ToString("N")[..8]), ("email", email), ("password", "secret1")))
            .AssertError(HttpStatusCode.BadRequest, "invalid_email");
    }
}
