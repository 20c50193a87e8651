using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MerchantPortal.Web.Tests.Integration.C2B.MenuPayments;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>Daraja's C2B confirmation records a paid transaction at once, once per receipt, like any other payment after.</summary>
public abstract class C2BConfirmationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Acknowledged = """{"ResultCode":0,"ResultDesc":"Success"}""";

    [Fact]
    public async Task AConfirmationIsRecordedAsAPaidMenuPaymentWithEveryField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync("paybill", "600984");
        var token = await TokenAsync(app, merchant.PublicId, paymentId);
        var receipt = NewReceipt();
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var body = Body(receipt, "1234.00", billRef: " inv-77 ", paidAt: paidAt);

        var (status, answer) = await ConfirmAsync(app, token, body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Acknowledged, answer);
        var id = await TransactionIdAsync(app, receipt);
        var t = (await merchant.Api.GetAsync("transaction", ("transaction_id", id!))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal("c2b", t.GetProperty("channel").GetString());
        Assert.Equal("succeeded", t.GetProperty("status").GetString());
        Assert.Equal(1234, t.GetProperty("amount").GetInt64());
        Assert.Equal(receipt, t.GetProperty("receipt").GetString());
        Assert.Equal("2547****126", t.GetProperty("phone").GetString());
        Assert.Equal("JANE W DOE", t.GetProperty("payer_name").GetString());
        Assert.Equal("inv-77", t.GetProperty("bill_ref").GetString());
        Assert.Equal(paymentId, t.GetProperty("payment_id").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("checkout_request_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, t.GetProperty("link_id").ValueKind);
        Assert.Equal(paidAt.ToUnixTimeSeconds(), t.GetProperty("created_at").GetInt64());
        Assert.Equal(paidAt.ToUnixTimeSeconds(), t.GetProperty("completed_at").GetInt64());
        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(x => x.Receipt == receipt));
        Assert.Equal("confirmation", row.Source);
        Assert.Equal("600984", row.BusinessShortCode);
        Assert.NotEqual(row.CallbackToken, row.StatusToken);
        var step = await app.WithDbAsync(db => db.TransactionEvents.AsNoTracking().SingleAsync(e => e.TransactionId == row.Id));
        Assert.Equal("confirmation", step.Kind);
        Assert.Equal(body, step.Payload);
    }

    [Fact]
    public async Task ARepeatedConfirmationChangesNothingEvenFiveAtOnce()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        var receipt = NewReceipt();
        var body = Body(receipt, "300.00");

        var first = await ConfirmAsync(app, token, body);
        var again = await ConfirmAsync(app, token, body);
        var burst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ConfirmAsync(app, token, body)));
        var concurrentReceipt = NewReceipt();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ConfirmAsync(app, token, Body(concurrentReceipt, "300.00"))));

        Assert.All(burst.Concat(concurrent).Append(first).Append(again), a => Assert.Equal((HttpStatusCode.OK, Acknowledged), a));
        foreach (var r in new[] { receipt, concurrentReceipt })
        {
            Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.Receipt == r)));
            Assert.Equal(1, await app.WithDbAsync(db => db.TransactionEvents.CountAsync(e => e.Transaction!.Receipt == r)));
        }

        var totals = (await merchant.Api.GetAsync("transactions", ("status", "succeeded"))).AssertOk().Data.GetProperty("transactions");
        Assert.Equal(2, totals.GetArrayLength());
    }

    [Fact]
    public async Task AnUnknownTokenOrAMalformedBodyIsAnsweredAndRecordsNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        var receipt = NewReceipt();

        var unknown = await ConfirmAsync(app, "0123456789abcdef0123456789abcdef01234567", Body(receipt));
        var notJson = await ConfirmAsync(app, token, "TransID=" + receipt);
        var noTime = await ConfirmAsync(app, token, Body(receipt).Replace("\"TransTime\"", "\"Time\"", StringComparison.Ordinal));
        var noAmount = await ConfirmAsync(app, token, Body(receipt, amount: "abc"));

        Assert.Equal((HttpStatusCode.OK, Acknowledged), unknown);
        Assert.All(new[] { notJson, noTime, noAmount }, a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.Status);
            Assert.Equal(1, JsonDocument.Parse(a.Body).RootElement.GetProperty("ResultCode").GetInt32());
        });
        Assert.Null(await TransactionIdAsync(app, receipt));
    }

    [Theory]
    [InlineData("2547****126")]
    [InlineData("2547 ***** 678")]
    [InlineData("5f0b8a4d3c2e1f7a9b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a")]
    public async Task AMaskedOrHashedMsisdnIsKeptAsGiven(string msisdn)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        var receipt = NewReceipt();

        await ConfirmAsync(app, token, Body(receipt, msisdn: msisdn));

        var id = await TransactionIdAsync(app, receipt);
        var t = (await merchant.Api.GetAsync("transaction", ("transaction_id", id!))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal(msisdn, t.GetProperty("phone").GetString());
        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Transactions/Details/" + id));
        Assert.Contains(receipt, page);
    }

    [Fact]
    public async Task AnAmountWithCentsIsRecordedRoundedDownWithAnAlert()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        var receipt = NewReceipt();

        await ConfirmAsync(app, token, Body(receipt, "99.75"));

        var row = await app.WithDbAsync(db => db.Transactions.AsNoTracking().SingleAsync(t => t.Receipt == receipt));
        Assert.Equal(99, row.Amount);
        var alert = await app.WithDbAsync(db => db.TransactionEvents.AsNoTracking().SingleAsync(e => e.TransactionId == row.Id && e.Kind == "alert"));
        Assert.Contains("99.75", alert.Summary);
    }

    [Fact]
    public async Task APaybillAccountNumberEqualToALinksCodeAttributesTheLinkAndRaisesLinkPaid()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        (await merchant.Api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/c2b"))).AssertOk();
        var link = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var code = await app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == link).Select(l => l.AccountCode).SingleAsync());
        var receipt = NewReceipt();

        await ConfirmAsync(app, token, Body(receipt, "50.00", billRef: " " + code.ToLowerInvariant()));

        var id = await TransactionIdAsync(app, receipt);
        var t = (await merchant.Api.GetAsync("transaction", ("transaction_id", id!))).AssertOk().Data.GetProperty("transaction");
        Assert.Equal(link, t.GetProperty("link_id").GetString());
        var deliveries = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Payload.Contains(id!)).Select(d => new { d.EventType, d.Payload }).ToListAsync());
        Assert.Equal(["link.paid", "transaction.succeeded"], deliveries.Select(d => d.EventType).Order());
        var sent = JsonDocument.Parse(deliveries.First(d => d.EventType == "transaction.succeeded").Payload).RootElement
            .GetProperty("data").GetProperty("transaction");
        Assert.Equal("c2b", sent.GetProperty("channel").GetString());
        Assert.Equal(receipt, sent.GetProperty("receipt").GetString());
        Assert.Equal("JANE W DOE", sent.GetProperty("payer_name").GetString());
    }

    [Fact]
    public async Task AnUnattributedMenuPaymentRaisesTransactionSucceededOnly()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());
        (await merchant.Api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/c2b"))).AssertOk();
        var receipt = NewReceipt();

        await ConfirmAsync(app, token, Body(receipt, billRef: "NO-SUCH-CODE"));

        var id = await TransactionIdAsync(app, receipt);
        var events = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Payload.Contains(id!)).Select(d => d.EventType).ToListAsync());
        Assert.Equal(["transaction.succeeded"], events);
    }

    [Fact]
    public async Task TheDashboardsTotalsIncludeMenuPayments()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var token = await TokenAsync(app, merchant.PublicId, await merchant.AddAccountAsync());

        await ConfirmAsync(app, token, Body(NewReceipt(), "4321.00"));
        await ConfirmAsync(app, token, Body(NewReceipt(), "1000.00"));

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard"));
        Assert.Contains("5,321", page);
    }

    [Fact]
    public async Task APushStillShowsChannelStkWithNoBillRefOrPayerName()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var started = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk();

        var t = (await merchant.Api.GetAsync("transaction", ("transaction_id", started.Data.GetProperty("transaction_id").GetString()!)))
            .AssertOk().Data.GetProperty("transaction");

        Assert.Equal("stk", t.GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("bill_ref").ValueKind);
        Assert.Equal(JsonValueKind.Null, t.GetProperty("payer_name").ValueKind);
        Assert.Equal(started.Data.GetProperty("checkout_request_id").GetString(), t.GetProperty("checkout_request_id").GetString());
    }
}

public sealed class SqliteC2BConfirmationTests(SqliteApp app) : C2BConfirmationTests<SqliteApp>(app);

public sealed class PostgresC2BConfirmationTests(PostgresApp app) : C2BConfirmationTests<PostgresApp>(app);
