using System.Net;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.C2B;

public abstract class LinkCollectTotalTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task PartPaymentsByAccountCodeSendLinkPaidOnceWhenTheTotalIsReached()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await MerchantWithWebhookAsync(receiver);
        var created = (await merchant.Api.PostAsync("create_link", ("title", "School fees"), ("collect_total", "15000"))).AssertOk();
        var lid = created.Data.GetProperty("link_id").GetString()!;
        var code = created.Data.GetProperty("link").GetProperty("account_code").GetString()!;
        Assert.Equal(15000, created.Data.GetProperty("link").GetProperty("collect_total").GetInt64());

        var first = await C2BPayments.AddAsync(app, merchant, 5000, code.ToLowerInvariant());
        await C2BPayments.AddAsync(app, merchant, 5000, code);
        var halfway = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        var linkPaidBefore = await C2BPayments.LinkPaidEventsAsync(app, lid);
        await C2BPayments.AddAsync(app, merchant, 5000, code);
        var linkPaidAtTotal = await C2BPayments.LinkPaidEventsAsync(app, lid);
        await C2BPayments.AddAsync(app, merchant, 1000, code);

        Assert.Equal(lid, first.LinkPublicId);
        Assert.Equal(0, linkPaidBefore);
        Assert.Equal(1, linkPaidAtTotal);
        Assert.Equal(1, await C2BPayments.LinkPaidEventsAsync(app, lid));
        Assert.Matches("id=\"collected\">KES 10,000<", halfway);
        Assert.Matches("id=\"remaining\">KES 5,000<", halfway);
        Assert.DoesNotContain("paid-in-full", halfway);
        var paid = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        Assert.Matches("id=\"collected\">KES 16,000<", paid);
        Assert.Matches("id=\"remaining\">KES 0<", paid);
        Assert.Contains("Paid in full", paid);
    }

    [Fact]
    public async Task APushAndAMenuPaymentTogetherCompleteALinkOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await MerchantWithWebhookAsync(receiver);
        var created = (await merchant.Api.PostAsync("create_link", ("title", "Harambee"), ("collect_total", "1000"))).AssertOk();
        var lid = created.Data.GetProperty("link_id").GetString()!;

        var push = (await merchant.Api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "400")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(push)).GetProperty("status").GetString());
        var afterPush = await C2BPayments.LinkPaidEventsAsync(app, lid);
        await C2BPayments.AddAsync(app, merchant, 600, created.Data.GetProperty("link").GetProperty("account_code").GetString());

        Assert.Equal(0, afterPush);
        Assert.Equal(1, await C2BPayments.LinkPaidEventsAsync(app, lid));
    }

    [Fact]
    public async Task APushThatReachesTheTotalMarksTheLinkPaidWhenNoWebhookListens()
    {
        // No endpoint and no callback URL: only the link makes the payment's move one the outbox must see.
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Pledge"), ("collect_total", "400"))).AssertOk()
            .Data.GetProperty("link_id").GetString()!;

        var push = (await merchant.Api.PostAsync("pay_from_link", ("uid", merchant.PublicId), ("lid", lid), ("phone", TestPhones.Random()), ("amount", "400")))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;

        Assert.Equal("succeeded", (await merchant.WaitForFinalAsync(push)).GetProperty("status").GetString());
        Assert.NotNull(await PaidAtAsync(lid));
        Assert.Contains("Paid in full", WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}")));
    }

    [Fact]
    public async Task APlainLinkStillSendsLinkPaidWithEachPayment()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await MerchantWithWebhookAsync(receiver);
        var created = (await merchant.Api.PostAsync("create_link", ("title", "Tea"), ("amount", "50"))).AssertOk();
        var lid = created.Data.GetProperty("link_id").GetString()!;

        await C2BPayments.AddAsync(app, merchant, 50, "TEA50");
        await C2BPayments.AddAsync(app, merchant, 50, "TEA50");

        Assert.Equal(2, await C2BPayments.LinkPaidEventsAsync(app, lid));
    }

    [Fact]
    public async Task TwoPaymentsThatFinishTogetherAndReachTheTotalOnlyTogetherSendLinkPaidOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var merchant = await MerchantWithWebhookAsync(receiver);
        for (var round = 0; round < 4; round++)
        {
            var lid = (await merchant.Api.PostAsync("create_link", ("title", "Fees " + round), ("collect_total", "1000"))).AssertOk()
                .Data.GetProperty("link_id").GetString()!;
            var pending = new[] { await PendingAsync(merchant, lid, 500), await PendingAsync(merchant, lid, 500) };

            await Task.WhenAll(pending.Select(id => Task.Run(() => SucceedAsync(id))));

            Assert.Equal(1, await C2BPayments.LinkPaidEventsAsync(app, lid));
            Assert.NotNull(await app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == lid).Select(l => l.PaidAt).SingleAsync()));
        }
    }

    [Fact]
    public async Task ATotalAboveOnePaymentsCeilingIsAcceptedAndAMalformedOneRefused()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await merchant.Api.PostAsync("create_link", ("title", "Land"), ("collect_total", "2000000"))).AssertOk();
        (await merchant.Api.PostAsync("create_link", ("title", "Land"), ("collect_total", "12.5"))).AssertError(HttpStatusCode.BadRequest, "invalid_collect_total");
        (await merchant.Api.PostAsync("create_link", ("title", "Land"), ("collect_total", "0"))).AssertError(HttpStatusCode.BadRequest, "invalid_collect_total");
    }

    [Fact]
    public async Task ChangingTheTotalOnTheEditFormDecidesAgainWhetherTheLinkIsPaidInFull()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        var created = (await merchant.Api.PostAsync("create_link", ("title", "Fees"), ("collect_total", "1000"))).AssertOk();
        var lid = created.Data.GetProperty("link_id").GetString()!;
        await C2BPayments.AddAsync(app, merchant, 1000, created.Data.GetProperty("link").GetProperty("account_code").GetString());
        var paidFirst = await PaidAtAsync(lid);

        using var raised = await PageForms.PostOwnFormAsync(merchant.Api.Http, $"/PaymentLinks/Edit/{lid}",
            ("Input.Title", "Fees"), ("Input.AmountKind", "customer"), ("Input.CollectTotal", "KES 2,000"));
        var afterRaise = await PaidAtAsync(lid);
        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync($"/PaymentLinks/Details/{lid}"));
        using var lowered = await PageForms.PostOwnFormAsync(merchant.Api.Http, $"/PaymentLinks/Edit/{lid}",
            ("Input.Title", "Fees"), ("Input.AmountKind", "customer"), ("Input.CollectTotal", "500"));

        Assert.NotNull(paidFirst);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Null(afterRaise);
        Assert.Matches("id=\"remaining\">KES 1,000<", page);
        Assert.Equal(HttpStatusCode.Redirect, lowered.StatusCode);
        Assert.NotNull(await PaidAtAsync(lid));
    }

    private Task<DateTimeOffset?> PaidAtAsync(string lid) =>
        app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == lid).Select(l => l.PaidAt).SingleAsync());

    private async Task<TestMerchant> MerchantWithWebhookAsync(WebhookReceiver receiver)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        (await merchant.Api.PostAsync("save_webhook", ("url", receiver.Url("all")))).AssertOk();
        return merchant;
    }

    private async Task<long> PendingAsync(TestMerchant merchant, string lid, long amount)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var link = await db.PaymentLinks.SingleAsync(l => l.PublicId == lid);
        var account = await db.PaymentAccounts.Where(a => a.MerchantId == link.MerchantId).OrderBy(a => a.Sequence).FirstAsync();
        var row = new PaymentTransaction
        {
            MerchantId = link.MerchantId, PublicId = Ids.NewTransactionId(), PaymentAccountId = account.Id, PaymentId = account.PaymentId,
            PaymentLinkId = link.Id, LinkPublicId = lid, Amount = amount, Phone = "254712345678", CallbackToken = Ids.NewCallbackToken(),
            StatusToken = Ids.NewCallbackToken(), BusinessShortCode = account.Number, AccountReference = "FEES", CreatedAt = DateTimeOffset.UtcNow,
            CheckoutRequestId = "ws_CO_" + Ids.Random(20),
        };
        db.AllTransactions.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task SucceedAsync(long transactionId)
    {
        using var scope = app.Services.CreateScope();
        var moved = await scope.ServiceProvider.GetRequiredService<PaymentStateMachine>().MoveAsync(transactionId,
            new PaymentMove(TransactionStatuses.Succeeded, "0", "The service request is processed successfully.", "T" + Ids.Random(9).ToUpperInvariant()),
            _ => Task.CompletedTask, CancellationToken.None);
        Assert.Equal(MoveResult.Moved, moved);
    }
}

public sealed class SqliteLinkCollectTotalTests(SqliteApp app) : LinkCollectTotalTests<SqliteApp>(app);

public sealed class PostgresLinkCollectTotalTests(PostgresApp app) : LinkCollectTotalTests<PostgresApp>(app);
