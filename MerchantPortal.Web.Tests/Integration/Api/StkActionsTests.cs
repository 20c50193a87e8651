using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Api;

public abstract class StkActionsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ApiStkPushesToTheChosenAccountAndRecordsTheReceipt()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        await merchant.AddAccountAsync("till", "654321");
        var key = await merchant.GenerateKeyAsync();
        var phone = TestPhones.Random();

        var started = (await app.NewApi().PostAsync("api_stk", ("api_key", key), ("phone", phone), ("amount", "100"), ("payment_id", "#00002"))).AssertOk();

        var id = started.Data.GetProperty("transaction_id").GetString()!;
        Assert.StartsWith("txn_", id);
        Assert.StartsWith("ws_CO_", started.Data.GetProperty("checkout_request_id").GetString());
        Assert.Equal("pending", started.Data.GetProperty("status").GetString());
        var done = await merchant.WaitForFinalAsync(id);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Matches("^[A-Z0-9]{10}$", done.GetProperty("receipt").GetString());
        Assert.Equal("#00002", done.GetProperty("payment_id").GetString());
        Assert.Equal("254" + phone[1..], done.GetProperty("phone").GetString());
        Assert.Equal(100, done.GetProperty("amount").GetInt64());
        Assert.Equal("0", done.GetProperty("result_code").GetString());
        Assert.True(done.GetProperty("completed_at").GetInt64() >= done.GetProperty("created_at").GetInt64());
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));
        Assert.Equal("654321", row.BusinessShortCode);
    }

    [Theory]
    [InlineData("0708000001", "cancelled", "1032")]
    [InlineData("0708000002", "failed", "1")]
    [InlineData("0708000003", "failed", "2001")]
    [InlineData("0708000004", "timeout", "1037")]
    [InlineData("0708000005", "succeeded", "0")]
    [InlineData("0708000006", "succeeded", "0")]
    public async Task EachSimulatedOutcomeEndsInTheRightState(string phone, string status, string resultCode)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        var started = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk();

        var done = await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal(status, done.GetProperty("status").GetString());
        Assert.Equal(resultCode, done.GetProperty("result_code").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("reason").GetString()));
        if (phone == "0708000005")
        {
            // No callback ever comes: the reconciler's STK query proves the payment, without a receipt.
            Assert.Equal(System.Text.Json.JsonValueKind.Null, done.GetProperty("receipt").ValueKind);
        }
    }

    [Fact]
    public async Task ADuplicateOrDisagreeingCallbackChangesNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", "0708000006"), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        var first = await merchant.WaitForFinalAsync(id);
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.PublicId == id));

        using var http = app.NewClient();
        var forged = """{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}"""
            .Replace("CHECKOUT", row.CheckoutRequestId, StringComparison.Ordinal);
        using var response = await http.PostAsync($"/hooks/stk/{row.CallbackToken}", new StringContent(forged, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var unknown = await http.PostAsync("/hooks/stk/not-a-token", new StringContent(forged, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);

        var after = await merchant.WaitForFinalAsync(id);
        Assert.Equal("succeeded", after.GetProperty("status").GetString());
        var timeline = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/Transactions/Details/{id}"));
        Assert.Contains("ALERT: M-Pesa now says 1032", timeline);
        Assert.Equal(first.GetProperty("receipt").GetString(), after.GetProperty("receipt").GetString());
        Assert.Equal(first.GetProperty("completed_at").GetInt64(), after.GetProperty("completed_at").GetInt64());
    }

    [Theory]
    [InlineData("12345", "10", "invalid_phone")]
    [InlineData("+1 202 555 0100", "10", "invalid_phone")]
    [InlineData(null, "10", "invalid_phone")]
    [InlineData("0712345678", "12.5", "invalid_amount")]
    [InlineData("0712345678", "abc", "invalid_amount")]
    [InlineData("0712345678", "0", "invalid_amount")]
    [InlineData("0712345678", "-5", "invalid_amount")]
    [InlineData("0712345678", "1e9", "invalid_amount")]
    [InlineData("0712345678", "250001", "invalid_amount")]
    [InlineData("0712345678", null, "invalid_amount")]
    public async Task ApiStkRefusesBadInputAndWritesNothing(string? phone, string? amount, string code)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", amount))).AssertError(HttpStatusCode.BadRequest, code);

        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task AFieldSentTwiceWithDifferentValuesIsRefusedNotGuessed()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var phone = TestPhones.Random();
        ApiResponse Refused(ApiResponse answer)
        {
            answer.AssertError(HttpStatusCode.BadRequest, "conflicting_field");
            return answer;
        }

        var repeated = Refused(await merchant.Api.PostFormAsync(("action", "api_stk"), ("phone", phone), ("amount", "19"), ("amount", "20")));
        Refused(await merchant.Api.PostJsonAsync($$"""{"phone":"{{phone}}","amount":16,"amount":17}""", "?action=api_stk"));
        Refused(await merchant.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php?action=transactions")
        {
            Content = new FormUrlEncodedContent([new("action", "api_stk"), new("phone", phone), new("amount", "18")]),
        }));
        var same = (await merchant.Api.PostFormAsync(("action", "api_stk"), ("phone", phone), ("amount", "21"), ("amount", "21"))).AssertOk();

        Assert.True(repeated.Body.GetProperty("errors").TryGetProperty("amount", out _));
        var payments = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions");
        Assert.Equal(1, payments.GetArrayLength());
        Assert.Equal(same.Data.GetProperty("transaction_id").GetString(), payments[0].GetProperty("id").GetString());
        Assert.Equal(21, payments[0].GetProperty("amount").GetInt64());
    }

    [Theory]
    [InlineData("Two\nlines")]
    [InlineData("Tab\there")]
    [InlineData("\u202Eevil\u202C")]
    public async Task ApiStkRefusesADescriptionThatIsNotOneLineOfText(string description)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("description", description)))
            .AssertError(HttpStatusCode.BadRequest, "invalid_description");

        Assert.Equal(0, (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions").GetArrayLength());
    }

    [Fact]
    public async Task ApiStkNeedsAnAccountAndAKnownPaymentId()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertError(HttpStatusCode.Conflict, "no_payment_account");
        await merchant.AddAccountAsync();
        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("payment_id", "#00002")))
            .AssertError(HttpStatusCode.NotFound, "payment_account_not_found");
    }

    [Fact]
    public async Task AMerchantCanNeverReadOrUseAnothersTransactionsOrAccounts()
    {
        var a = await TestMerchant.RegisterAsync(app);
        var b = await TestMerchant.RegisterAsync(app);
        await a.AddAccountAsync();
        await a.AddAccountAsync("till");
        var started = (await a.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var id = started.Data.GetProperty("transaction_id").GetString()!;
        var checkout = started.Data.GetProperty("checkout_request_id").GetString()!;
        var bKey = await b.GenerateKeyAsync();

        (await b.Api.GetAsync("transaction", ("transaction_id", id))).AssertError(HttpStatusCode.NotFound, "transaction_not_found");
        (await b.Api.GetAsync("transaction", ("checkout_request_id", checkout))).AssertError(HttpStatusCode.NotFound, "transaction_not_found");
        Assert.Equal(0, (await b.Api.GetAsync("transactions", ("api_key", bKey))).AssertOk().Data.GetProperty("transactions").GetArrayLength());
        (await b.Api.PostAsync("api_stk", ("api_key", bKey), ("phone", TestPhones.Random()), ("amount", "10"), ("payment_id", "#00002")))
            .AssertError(HttpStatusCode.NotFound, "payment_account_not_found");
        var bMe = (await b.Api.GetAsync("me")).AssertOk().Body.GetProperty("user");
        Assert.Equal(0, bMe.GetProperty("payment_accounts").GetArrayLength());
        Assert.Equal(0, bMe.GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task TransactionsAreListedNewestFirstWithACursorAndAStatusFilter()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var ids = new List<string>();
        foreach (var phone in new[] { TestPhones.Random(), "0708000001", TestPhones.Random() })
        {
            var id = (await merchant.Api.PostAsync("api_stk", ("phone", phone), ("amount", "10"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
            await merchant.WaitForFinalAsync(id);
            ids.Add(id);
        }

        var first = (await merchant.Api.GetAsync("transactions", ("limit", "2"))).AssertOk().Data;
        Assert.Equal([ids[2], ids[1]], first.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var second = (await merchant.Api.GetAsync("transactions", ("limit", "2"), ("cursor", cursor))).AssertOk().Data;
        Assert.Equal([ids[0]], second.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        var cancelled = (await merchant.Api.GetAsync("transactions", ("status", "cancelled"))).AssertOk().Data.GetProperty("transactions");
        Assert.Equal(ids[1], Assert.Single(cancelled.EnumerateArray()).GetProperty("id").GetString());
        (await merchant.Api.GetAsync("transactions", ("cursor", "garbage!"))).AssertError(HttpStatusCode.BadRequest, "invalid_cursor");
        (await merchant.Api.GetAsync("transactions", ("limit", "1000"))).AssertError(HttpStatusCode.BadRequest, "invalid_limit");
    }
}

public sealed class SqliteStkActionsTests(SqliteApp app) : StkActionsTests<SqliteApp>(app);

public sealed class PostgresStkActionsTests(PostgresApp app) : StkActionsTests<PostgresApp>(app);
