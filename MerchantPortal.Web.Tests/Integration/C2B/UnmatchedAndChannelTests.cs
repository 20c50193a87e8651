using System.Net;
using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.C2B;

public abstract class UnmatchedAndChannelTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AMenuPaymentForNoLinkIsListedAsUnmatchedAndAssigningItIsAuditedAndCompletesTheLink()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("all")))).AssertOk();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Fees"), ("collect_total", "900"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var older = await C2BPayments.AddAsync(app, merchant, 400, "fees-typo");
        var newer = await C2BPayments.AddAsync(app, merchant, 500, "nothing");

        var listed = await merchant.Api.Http.GetStringAsync("/Unmatched");
        using var assigned = await PageForms.PostAsync(merchant.Api.Http, "/Unmatched", "handler=Assign",
            ("transactionId", older.PublicId), ("linkId", lid));
        var afterFirst = await C2BPayments.LinkPaidEventsAsync(app, lid);
        (await merchant.Api.PostAsync("assign_payment", ("transaction_id", newer.PublicId), ("link_id", lid))).AssertOk();

        Assert.True(listed.IndexOf(newer.PublicId, StringComparison.Ordinal) < listed.IndexOf(older.PublicId, StringComparison.Ordinal));
        Assert.Contains("fees-typo", listed);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(0, afterFirst);
        Assert.Equal(1, await C2BPayments.LinkPaidEventsAsync(app, lid));
        var after = await merchant.Api.Http.GetStringAsync("/Unmatched");
        Assert.DoesNotContain($"value=\"{older.PublicId}\"", after);
        Assert.DoesNotContain($"value=\"{newer.PublicId}\"", after);
        var audited = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action == UnmatchedPayments.AssignAction && a.Target == older.PublicId).ToListAsync());
        Assert.Contains(lid, Assert.Single(audited).After);
        Assert.Equal(merchant.Username, audited[0].ActorName);
    }

    [Fact]
    public async Task AnAttributedPaymentIsNotReassigned()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var tea = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var other = (await merchant.Api.PostAsync("create_link", ("title", "Other"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var paid = await C2BPayments.AddAsync(app, merchant, 50, "TEA50");

        (await merchant.Api.PostAsync("assign_payment", ("transaction_id", paid.PublicId), ("link_id", other)))
            .AssertError(HttpStatusCode.Conflict, "already_attributed");

        Assert.Equal(tea, paid.LinkPublicId);
        Assert.Equal(tea, await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == paid.PublicId).Select(t => t.LinkPublicId).SingleAsync()));
    }

    [Fact]
    public async Task AnotherMerchantsPaymentOrLinkCannotBeAssigned()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var other = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        await other.AddAccountAsync("paybill", "654321");
        var mine = (await merchant.Api.PostAsync("create_link", ("title", "Mine"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var theirs = (await other.Api.PostAsync("create_link", ("title", "Theirs"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var myPayment = await C2BPayments.AddAsync(app, merchant, 70, "x");
        var theirPayment = await C2BPayments.AddAsync(app, other, 80, "y");

        (await merchant.Api.PostAsync("assign_payment", ("transaction_id", theirPayment.PublicId), ("link_id", mine)))
            .AssertError(HttpStatusCode.NotFound, "transaction_not_found");
        (await merchant.Api.PostAsync("assign_payment", ("transaction_id", myPayment.PublicId), ("link_id", theirs)))
            .AssertError(HttpStatusCode.NotFound, "link_not_found");
        using var posted = await PageForms.PostWithTokenFromAsync(merchant.Api.Http, "/Unmatched", "/Unmatched?handler=Assign",
            ("transactionId", theirPayment.PublicId), ("linkId", mine));

        Assert.DoesNotContain(theirPayment.PublicId, await merchant.Api.Http.GetStringAsync("/Unmatched"));
        var links = await app.WithDbAsync(db => db.Transactions.Where(t => t.PublicId == myPayment.PublicId || t.PublicId == theirPayment.PublicId)
            .Select(t => t.LinkPublicId).ToListAsync());
        Assert.All(links, Assert.Null);
    }

    [Fact]
    public async Task TheChannelAndUnmatchedFiltersNarrowThePageTheActionAndTheCsv()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();
        var push = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "90"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(push);
        var matched = await C2BPayments.AddAsync(app, merchant, 50, "TEA50");
        var unmatched = await C2BPayments.AddAsync(app, merchant, 60, "TEA60");

        var menuPage = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Channel=c2b");
        var unmatchedPage = await merchant.Api.Http.GetStringAsync("/Transactions?Filter.Unmatched=true");
        var stkAction = (await merchant.Api.GetAsync("transactions", ("channel", "stk"))).AssertOk().Data.GetProperty("transactions");
        var menuAction = (await merchant.Api.GetAsync("transactions", ("channel", "c2b"))).AssertOk().Data.GetProperty("transactions");
        var csv = await merchant.Api.Http.GetStringAsync("/Transactions?handler=Csv&Filter.Channel=c2b");

        Assert.Contains(matched.PublicId, menuPage);
        Assert.Contains(unmatched.PublicId, menuPage);
        Assert.DoesNotContain(push, menuPage);
        Assert.Contains("data-label=\"Channel\">M-Pesa menu<", menuPage);
        Assert.Contains(unmatched.PublicId, unmatchedPage);
        Assert.DoesNotContain(matched.PublicId, unmatchedPage);
        Assert.Equal([push], stkAction.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal([unmatched.PublicId, matched.PublicId], menuAction.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("Channel,Bill ref,Payer name", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("M-Pesa menu,TEA60,JANE W DOE", lines[1]);
        Assert.DoesNotContain(push, csv);
        (await merchant.Api.GetAsync("transactions", ("channel", "ussd"))).AssertError(HttpStatusCode.BadRequest, "invalid_channel");
    }

    [Fact]
    public async Task TheDetailPageShowsTheAccountNumberTypedAndThePayersName()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var paid = await C2BPayments.AddAsync(app, merchant, 60, "<b>INV9</b>");

        var page = await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + paid.PublicId);

        Assert.Contains("id=\"txn-channel\">M-Pesa menu<", page);
        Assert.Contains("id=\"txn-bill-ref\">&lt;b&gt;INV9&lt;/b&gt;<", page);
        Assert.Contains("id=\"txn-payer-name\">JANE W DOE<", page);
    }
}

public sealed class SqliteUnmatchedAndChannelTests(SqliteApp app) : UnmatchedAndChannelTests<SqliteApp>(app);

public sealed class PostgresUnmatchedAndChannelTests(PostgresApp app) : UnmatchedAndChannelTests<PostgresApp>(app);
