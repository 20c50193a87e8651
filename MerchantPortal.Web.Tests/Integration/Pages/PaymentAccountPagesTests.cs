using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class PaymentAccountPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheListShowsEachAccountWithItsPaymentIdAndThePrimaryBadge()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456", "Shop #1");
        await merchant.AddAccountAsync("till", "7654321");

        var page = await merchant.Api.Http.GetStringAsync("/PaymentAccounts");

        Assert.Contains("#00001", page);
        Assert.Contains("#00002", page);
        Assert.Contains("7654321", page);
        Assert.Contains("Primary</span>", page);
        Assert.Contains("Shop #1", page);
    }

    [Fact]
    public async Task AddingAnAccountRedirectsToTheListAndWritesTheRow()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Create",
            ("Input.Type", "till"), ("Input.Number", "5123456"), ("Input.AccountReference", "Counter"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/PaymentAccounts", posted.Headers.Location!.ToString());
        var list = await merchant.Api.Http.GetStringAsync("/PaymentAccounts");
        Assert.Contains("Payment account #00001 added.", list);
        var account = Assert.Single(await AccountsAsync(merchant));
        Assert.Equal(("till", "5123456", "Counter", true), (account.Type, account.Number, account.AccountReference, account.IsPrimary));
    }

    [Fact]
    public async Task ABadNumberIsShownNextToTheFieldAndNothingIsWritten()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Create",
            ("Input.Type", "paybill"), ("Input.Number", "12"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Matches("data-valmsg-for=\"Input.Number\"[^>]*>Enter your paybill or till number: 5 to 7 digits.", await posted.Content.ReadAsStringAsync());
        Assert.Empty(await AccountsAsync(merchant));
    }

    [Fact]
    public async Task EditingChangesTheAccountAndKeepsItsPaymentId()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");

        Assert.Contains("value=\"123456\"", await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Edit/1"));
        using var posted = await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Edit/1",
            ("Input.Type", "till"), ("Input.Number", "888888"), ("Input.AccountReference", ""));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var account = Assert.Single(await AccountsAsync(merchant));
        Assert.Equal((1, "till", "888888", (string?)null), (account.Sequence, account.Type, account.Number, account.AccountReference));
    }

    [Fact]
    public async Task MakingAnAccountPrimaryLeavesExactlyOnePrimary()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        await merchant.AddAccountAsync();
        await merchant.AddAccountAsync();

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts", "handler=MakePrimary&id=3");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal([3], (await AccountsAsync(merchant)).Where(a => a.IsPrimary).Select(a => a.Sequence));
    }

    [Fact]
    public async Task DeletingThePrimaryHidesItEverywhereAndMakesTheNextOldestPrimary()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "111111");
        await merchant.AddAccountAsync("paybill", "222222");
        await merchant.AddAccountAsync("paybill", "333333");

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts", "handler=Delete&id=1");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain("111111", await merchant.Api.Http.GetStringAsync("/PaymentAccounts"));
        var accounts = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("payment_accounts");
        Assert.Equal(["#00002", "#00003"], accounts.EnumerateArray().Select(a => a.GetProperty("payment_id").GetString()));
        Assert.True(accounts[0].GetProperty("is_primary").GetBoolean());
        (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("payment_id", "#00001")))
            .AssertError(HttpStatusCode.NotFound, "payment_account_not_found");
        var started = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();
        var transaction = await merchant.WaitForFinalAsync(started.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal("#00002", transaction.GetProperty("payment_id").GetString());
        // The number is free again, under a new payment_id: the old one stays with its history.
        Assert.Equal("#00004", await merchant.AddAccountAsync("paybill", "111111"));
    }

    [Fact]
    public async Task AnotherMerchantsAccountsAreNotFoundThroughAnyPage()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        await owner.AddAccountAsync("till", "654321");
        var intruder = await TestMerchant.RegisterAsync(app);
        var http = intruder.Api.Http;

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/PaymentAccounts/Edit/1")).StatusCode);
        Assert.DoesNotContain("123456", await http.GetStringAsync("/PaymentAccounts"));
        foreach (var target in new[] { "/PaymentAccounts?id=1&handler=Delete", "/PaymentAccounts?id=2&handler=MakePrimary", "/PaymentAccounts/Edit/1" })
        {
            using var posted = await PageForms.PostWithTokenFromAsync(http, "/PaymentAccounts/Create", target,
                ("Input.Type", "paybill"), ("Input.Number", "999999"));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        var accounts = await AccountsAsync(owner);
        Assert.Equal(["123456", "654321"], accounts.Select(a => a.Number));
        Assert.All(accounts, a => Assert.Null(a.DeletedAt));
        Assert.True(accounts[0].IsPrimary);
        Assert.Empty(await AccountsAsync(intruder));
    }

    [Fact]
    public async Task ThePagesNeedASignedInMerchant()
    {
        using var anonymous = app.NewClient();

        using var response = await anonymous.GetAsync("/PaymentAccounts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    private Task<List<Data.Entities.PaymentAccount>> AccountsAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => (from a in db.PaymentAccounts.AsNoTracking()
                               join m in db.Users on a.MerchantId equals m.Id
                               where m.PublicId == merchant.PublicId
                               orderby a.Sequence
                               select a).ToListAsync());
}

public sealed class SqlitePaymentAccountPagesTests(SqliteApp app) : PaymentAccountPagesTests<SqliteApp>(app);

public sealed class PostgresPaymentAccountPagesTests(PostgresApp app) : PaymentAccountPagesTests<PostgresApp>(app);
