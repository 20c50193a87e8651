using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Reversals;

/// <summary>
/// Reversals end to end against the simulator's Reversal API: asked for by Finance, approved by a second owner or admin
/// with a two-factor code, settled by M-Pesa's result (or its failure, or a queue timeout), at most once.
/// </summary>
public abstract class ReversalTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private int SentToMpesa => app.Services.GetRequiredService<SimulatorReversals>().Accepted;

    [Fact]
    public async Task FinanceAsksTheOwnerApprovesAndThePaymentIsReversedWithItsEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        (await owner.Api.PostAsync("save_webhook", ("url", receiver.Url("rev")), ("events", "transaction.reversed"))).AssertOk();
        var finance = await TestMembers.JoinAsync(app, owner, "finance");
        var key = await TestTwoFactor.EnableAsync(owner.Api.Http);
        var paid = await PayAsync(owner, 150);

        await AskAsync(finance, paid, "Customer paid twice");

        var asked = await TransactionAsync(owner, paid);
        var reversal = asked.GetProperty("reversal");
        Assert.Equal("pending", reversal.GetProperty("status").GetString());
        Assert.True(reversal.GetProperty("awaiting_approval").GetBoolean());
        Assert.Equal(finance.Username, reversal.GetProperty("requested_by").GetString());
        Assert.Equal("Customer paid twice", reversal.GetProperty("reason").GetString());
        var sentBefore = SentToMpesa;
        using (var refused = await ApproveAsync(finance, paid, reversal.GetProperty("id").GetString()!, "000000"))
        {
            Assert.Contains("/Identity/Account/AccessDenied", refused.Headers.Location?.OriginalString);
        }

        using (var approved = await ApproveAsync(owner, paid, reversal.GetProperty("id").GetString()!, TestTwoFactor.NextCode(key)))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var reversed = await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        Assert.Equal(sentBefore + 1, SentToMpesa);
        var done = reversed.GetProperty("reversal");
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(owner.Username, done.GetProperty("approved_by").GetString());
        Assert.Equal("0", done.GetProperty("result_code").GetString());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completed_at").ValueKind);
        Assert.Equal(asked.GetProperty("receipt").GetString(), reversed.GetProperty("receipt").GetString());

        var events = await receiver.WaitForAsync("rev", 1);
        using var body = JsonDocument.Parse(events[0].Body);
        Assert.Equal("transaction.reversed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("succeeded", body.RootElement.GetProperty("data").GetProperty("transaction").GetProperty("reversal").GetProperty("status").GetString());
        var listed = (await owner.Api.GetAsync("transactions", ("status", "reversed"))).AssertOk().Data.GetProperty("transactions");
        Assert.Equal(paid, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());

        // Reversed once: the page offers no second reversal, and a forged one is refused with the reason.
        Assert.DoesNotContain("handler=Reverse", await finance.Api.Http.GetStringAsync("/Transactions/Details/" + paid));
        var forged = await PageForms.PostWithTokenFromAsync(finance.Api.Http, "/Identity/Account/Manage/ChangePassword",
            $"/Transactions/Details/{paid}?handler=Reverse", ("reason", "Again"));
        Assert.Contains("Only a paid payment", await ProblemAsync(forged));
    }

    [Fact]
    public async Task TheAskerCannotApproveAndTheApproverNeedsTheirSecondFactor()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        var adminKey = await TestTwoFactor.EnableAsync(admin.Api.Http);
        var paid = await PayAsync(owner, 160);
        await AskAsync(admin, paid, "Wrong amount typed");
        var reversalId = (await TransactionAsync(owner, paid)).GetProperty("reversal").GetProperty("id").GetString()!;
        var sentBefore = SentToMpesa;

        Assert.Contains("not by the person who asked", await ProblemAsync(await ApproveAsync(admin, paid, reversalId, TestTwoFactor.NextCode(adminKey))));
        Assert.Contains("needs two-factor sign-in", await ProblemAsync(await ApproveAsync(owner, paid, reversalId, "123456")));
        await TestTwoFactor.EnableAsync(owner.Api.Http);
        Assert.Contains("code is not right", await ProblemAsync(await ApproveAsync(owner, paid, reversalId, "000000")));

        Assert.Equal(sentBefore, SentToMpesa);
        Assert.True((await TransactionAsync(owner, paid)).GetProperty("reversal").GetProperty("awaiting_approval").GetBoolean());
        using var declined = await PageForms.PostAsync(owner.Api.Http, "/Transactions/Details/" + paid, "handler=Decline");
        var after = await TransactionAsync(owner, paid);
        Assert.Equal("succeeded", after.GetProperty("status").GetString());
        Assert.Equal("declined", after.GetProperty("reversal").GetProperty("result_code").GetString());
    }

    [Fact]
    public async Task TwoApproversAtTheSameMomentSendOneReversal()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        var finance = await TestMembers.JoinAsync(app, owner, "finance");
        var ownerKey = await TestTwoFactor.EnableAsync(owner.Api.Http);
        var adminKey = await TestTwoFactor.EnableAsync(admin.Api.Http);
        var paid = await PayAsync(owner, 170);
        await AskAsync(finance, paid, "Goods returned");
        var reversalId = (await TransactionAsync(owner, paid)).GetProperty("reversal").GetProperty("id").GetString()!;
        var sentBefore = SentToMpesa;

        var answers = await Task.WhenAll(
            ApproveAsync(owner, paid, reversalId, TestTwoFactor.NextCode(ownerKey)),
            ApproveAsync(admin, paid, reversalId, TestTwoFactor.NextCode(adminKey)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Contains("not waiting for approval", await ProblemAsync(answers.Single(a => a.StatusCode != HttpStatusCode.Redirect)));
        var reversed = await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        Assert.Equal(sentBefore + 1, SentToMpesa);
        Assert.Contains(reversed.GetProperty("reversal").GetProperty("approved_by").GetString(), new[] { owner.Username, admin.Username });
        Assert.Equal(1, await app.WithDbAsync(db => db.Reversals.CountAsync(r => r.TransactionId == db.AllTransactions.Single(t => t.PublicId == paid).Id)));
    }

    [Fact]
    public async Task ARefusedOrTimedOutReversalLeavesThePaymentPaidAndMayBeAskedAgain()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        using (await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=ReversalThreshold", ("amount", "100000")))
        {
        }

        var refused = await PayAsync(owner, 171);
        var timedOut = await PayAsync(owner, 173);
        var unanswered = await PayAsync(owner, 174);
        await AskAsync(owner, refused, "Initiator test");
        await AskAsync(owner, timedOut, "Queue test");
        await AskAsync(owner, unanswered, "Silence test");

        var failed = await WaitForAsync(owner, refused, t => t.GetProperty("reversal").GetProperty("status").GetString() == "failed");
        Assert.Equal("succeeded", failed.GetProperty("status").GetString());
        Assert.Equal("2001", failed.GetProperty("reversal").GetProperty("result_code").GetString());
        Assert.Null(failed.GetProperty("reversal").GetProperty("approved_by").GetString());
        // A queue timeout or silence is not an end: the reversal stays pending until it is asked again.
        var queue = await WaitForAsync(owner, timedOut, t => t.GetProperty("reversal").GetProperty("result_desc").GetString()?.Contains("queue") == true);
        Assert.Equal("pending", queue.GetProperty("reversal").GetProperty("status").GetString());
        Assert.Equal("succeeded", queue.GetProperty("status").GetString());
        await Task.Delay(1000);
        var silent = await TransactionAsync(owner, unanswered);
        Assert.Equal("pending", silent.GetProperty("reversal").GetProperty("status").GetString());
        Assert.False(silent.GetProperty("reversal").GetProperty("awaiting_approval").GetBoolean());

        // A failed reversal does not stand in the way of another.
        await AskAsync(owner, refused, "Second try");
        var second = await TransactionAsync(owner, refused);
        Assert.Equal("Second try", second.GetProperty("reversal").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ARepeatedResultChangesNothingAndAnUnknownTokenIsOnlyAcknowledged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        (await owner.Api.PostAsync("save_webhook", ("url", receiver.Url("rev")), ("events", "transaction.reversed"))).AssertOk();
        using (await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=ReversalThreshold", ("amount", "100000")))
        {
        }

        var paid = await PayAsync(owner, 180);
        await AskAsync(owner, paid, "Duplicate test");
        await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        var token = await app.WithDbAsync(db => db.Reversals.Where(r => r.Status == ReversalStatuses.Succeeded
            && r.TransactionId == db.AllTransactions.Single(t => t.PublicId == paid).Id).Select(r => r.CallbackToken).SingleAsync());
        const string success = """{"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.","TransactionID":"RXX000000"}}""";

        using var http = app.NewClient();
        using var repeat = await http.PostAsync($"/hooks/reversal/{token}/result", new StringContent(success, System.Text.Encoding.UTF8, "application/json"));
        using var unknown = await http.PostAsync("/hooks/reversal/0123456789abcdef0123456789abcdef01234567/result",
            new StringContent(success, System.Text.Encoding.UTF8, "application/json"));
        using var malformed = await http.PostAsync($"/hooks/reversal/{token}/result", new StringContent("{\"nope\":1}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await Task.Delay(500);
        Assert.Single(await receiver.WaitForAsync("rev", 1));
        var steps = await app.WithDbAsync(db => db.TransactionEvents.CountAsync(e => e.Transaction!.PublicId == paid && e.Summary.StartsWith("Reversed by M-Pesa")));
        Assert.Equal(1, steps);
    }

    [Fact]
    public async Task AReversalLeftUnsentByAStoppedInstanceIsSentByTheResender()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var paid = await PayAsync(owner, 195);
        var sentBefore = SentToMpesa;
        // As an instance leaves it when it stops between the approval and the call to M-Pesa.
        await app.WithDbAsync(async db =>
        {
            var payment = await db.AllTransactions.SingleAsync(t => t.PublicId == paid);
            db.Reversals.Add(new PaymentReversal
            {
                PublicId = "rev_" + Guid.NewGuid().ToString("N")[..16], MerchantId = payment.MerchantId, TransactionId = payment.Id,
                Status = ReversalStatuses.Pending, Reason = "Left unsent", RequestedById = payment.MerchantId,
                RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-2), CallbackToken = Guid.NewGuid().ToString("N") + "00000000",
            });
            return await db.SaveChangesAsync();
        });

        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MerchantPortal.Web.Features.Reversals.ReversalResender>()
            .Single().RunOnceAsync(CancellationToken.None);

        var reversed = await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        Assert.Equal("succeeded", reversed.GetProperty("reversal").GetProperty("status").GetString());
        Assert.True(SentToMpesa > sentBefore);
    }

    [Fact]
    public async Task AReversalLeftWithoutAResultIsAskedAgainAndRecordedReversedWhenMpesaSaysItAlreadyIs()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        await NoApprovalAsync(owner);
        var paid = await PayAsync(owner, 274);
        var sentBefore = SentToMpesa;
        await AskAsync(owner, paid, "Lost result");
        await WaitForAttemptsAsync(paid, 1);
        await Task.Delay(500);
        Assert.Equal("pending", (await TransactionAsync(owner, paid)).GetProperty("reversal").GetProperty("status").GetString());

        // Not yet due: nothing is asked again within the window.
        await ResendAsync();
        Assert.Equal(1, await AttemptsAsync(paid));
        await AgeAsync(paid);
        await ResendAsync();

        var reversed = await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        Assert.Equal("succeeded", reversed.GetProperty("reversal").GetProperty("status").GetString());
        Assert.Equal("R000001", reversed.GetProperty("reversal").GetProperty("result_code").GetString());
        Assert.Equal(2, await AttemptsAsync(paid));
        Assert.Equal(sentBefore + 2, SentToMpesa);
    }

    [Fact]
    public async Task AReversalTimingOutInMpesasQueueIsAskedAgainAndFailsAfterTheLastAttempt()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        await NoApprovalAsync(owner);
        var paid = await PayAsync(owner, 273);
        var sentBefore = SentToMpesa;
        await AskAsync(owner, paid, "Queue test");
        for (var attempt = 1; attempt < MerchantPortal.Web.Features.Reversals.ReversalResender.MaxAttempts; attempt++)
        {
            var seen = attempt;
            await WaitForAsync(owner, paid, t => t.GetProperty("reversal").GetProperty("result_desc").GetString()?.Contains($"attempt {seen}") == true);
            await AgeAsync(paid);
            await ResendAsync();
        }

        var failed = await WaitForAsync(owner, paid, t => t.GetProperty("reversal").GetProperty("status").GetString() == "failed");
        Assert.Equal("queue_timeout", failed.GetProperty("reversal").GetProperty("result_code").GetString());
        Assert.Equal("succeeded", failed.GetProperty("status").GetString());
        Assert.Equal(MerchantPortal.Web.Features.Reversals.ReversalResender.MaxAttempts, await AttemptsAsync(paid));
        Assert.Equal(sentBefore + MerchantPortal.Web.Features.Reversals.ReversalResender.MaxAttempts, SentToMpesa);
    }

    [Fact]
    public async Task AReversalMpesaNeverAnswersIsFlaggedForAPersonAndStaysPending()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var paid = await PayAsync(owner, 196);
        var sentBefore = SentToMpesa;
        // As the last of its requests leaves it when M-Pesa answered none of them.
        await app.WithDbAsync(async db =>
        {
            var payment = await db.AllTransactions.SingleAsync(t => t.PublicId == paid);
            db.Reversals.Add(new PaymentReversal
            {
                PublicId = "rev_" + Guid.NewGuid().ToString("N")[..16], MerchantId = payment.MerchantId, TransactionId = payment.Id,
                Status = ReversalStatuses.Pending, Reason = "Never answered", RequestedById = payment.MerchantId,
                RequestedAt = DateTimeOffset.UtcNow.AddHours(-1), SubmittedAt = DateTimeOffset.UtcNow.AddMinutes(-30),
                Attempts = MerchantPortal.Web.Features.Reversals.ReversalResender.MaxAttempts,
                CallbackToken = Guid.NewGuid().ToString("N") + "00000000",
            });
            return await db.SaveChangesAsync();
        });

        await ResendAsync();
        await ResendAsync();

        var flagged = (await TransactionAsync(owner, paid)).GetProperty("reversal");
        Assert.Equal("pending", flagged.GetProperty("status").GetString());
        Assert.Equal("no_answer", flagged.GetProperty("result_code").GetString());
        Assert.Contains("organisation portal", flagged.GetProperty("result_desc").GetString());
        Assert.Equal(sentBefore, SentToMpesa);
        Assert.Equal(1, await app.WithDbAsync(db => db.TransactionEvents.CountAsync(e => e.Transaction!.PublicId == paid && e.Summary.StartsWith("M-Pesa answered none"))));
    }

    [Fact]
    public async Task AnAccountsInitiatorIsSavedEncryptedAndUsedForItsReversals()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        const string credential = "Q2hhbmdlZCBjcmVkZW50aWFsIGZvciB0ZXN0aW5nIG9ubHkgMTIzNDU2Nzg5MA==";

        using var bad = await PageForms.PostOwnFormAsync(owner.Api.Http, "/PaymentAccounts/Initiator/1", ("InitiatorName", "a b"), ("SecurityCredential", "short"));
        var badPage = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("The initiator name is 2 to 64", badPage);
        Assert.Contains("Paste the security credential", badPage);
        Assert.DoesNotContain("short</textarea>", badPage);
        using var saved = await PageForms.PostOwnFormAsync(owner.Api.Http, "/PaymentAccounts/Initiator/1", ("InitiatorName", "shopops"), ("SecurityCredential", credential));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.PaymentAccounts.Where(a => db.Users.Any(u => u.Id == a.MerchantId && u.PublicId == owner.PublicId))
            .Select(a => new { a.InitiatorName, a.InitiatorCredentialProtected }).SingleAsync());
        Assert.Equal("shopops", stored.InitiatorName);
        Assert.DoesNotContain(credential, stored.InitiatorCredentialProtected);
        Assert.DoesNotContain(credential, await owner.Api.Http.GetStringAsync("/PaymentAccounts/Initiator/1"));

        using (await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=ReversalThreshold", ("amount", "100000")))
        {
        }

        var paid = await PayAsync(owner, 190);
        await AskAsync(owner, paid, "Initiator in use");
        await WaitForAsync(owner, paid, t => t.GetProperty("status").GetString() == "reversed");
        var exchange = await app.WithDbAsync(db => db.TransactionEvents.Where(e => e.Transaction!.PublicId == paid && e.Summary.StartsWith("M-Pesa accepted the reversal"))
            .Select(e => e.Payload).SingleAsync());
        Assert.Contains("\"Initiator\":\"shopops\"", exchange);
        Assert.DoesNotContain("SecurityCredential", exchange);
        Assert.DoesNotContain(credential, exchange);
    }

    private static async Task NoApprovalAsync(TestMerchant owner)
    {
        using (await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=ReversalThreshold", ("amount", "100000")))
        {
        }
    }

    private Task ResendAsync() =>
        app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MerchantPortal.Web.Features.Reversals.ReversalResender>()
            .Single().RunOnceAsync(CancellationToken.None);

    private Task<int> AttemptsAsync(string paid) =>
        app.WithDbAsync(db => db.Reversals.Where(r => r.TransactionId == db.AllTransactions.Single(t => t.PublicId == paid).Id).Select(r => r.Attempts).SingleAsync());

    /// <summary>Moves the reversal's last request back past the window, as if M-Pesa had been silent that long.</summary>
    private Task<int> AgeAsync(string paid) =>
        app.WithDbAsync(db => db.Reversals.Where(r => r.TransactionId == db.AllTransactions.Single(t => t.PublicId == paid).Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedAt, DateTimeOffset.UtcNow.AddMinutes(-11))));

    private async Task WaitForAttemptsAsync(string paid, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await AttemptsAsync(paid) < attempts)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reversal was not sent in time");
            await Task.Delay(100);
        }
    }

    private async Task<string> PayAsync(TestMerchant owner, int amount)
    {
        var id = (await owner.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await owner.WaitForFinalAsync(id)).GetProperty("status").GetString());
        return id;
    }

    private static async Task AskAsync(TestMerchant who, string transactionId, string reason)
    {
        using var asked = await PageForms.PostAsync(who.Api.Http, "/Transactions/Details/" + transactionId, "handler=Reverse", ("reason", reason));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
    }

    private static async Task<HttpResponseMessage> ApproveAsync(TestMerchant who, string transactionId, string reversalId, string code) =>
        await PageForms.PostWithTokenFromAsync(who.Api.Http, "/Identity/Account/Manage/ChangePassword",
            $"/Transactions/Details/{transactionId}?handler=Approve", ("reversalId", reversalId), ("code", code));

    private static async Task<string> ProblemAsync(HttpResponseMessage answer)
    {
        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        }
    }

    private static async Task<JsonElement> TransactionAsync(TestMerchant owner, string id) =>
        (await owner.Api.GetAsync("transaction", ("transaction_id", id))).AssertOk().Data.GetProperty("transaction");

    private static async Task<JsonElement> WaitForAsync(TestMerchant owner, string id, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var transaction = await TransactionAsync(owner, id);
            if (done(transaction))
            {
                return transaction;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not reached in time: {transaction}");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteReversalTests(SqliteApp app) : ReversalTests<SqliteApp>(app);

public sealed class PostgresReversalTests(PostgresApp app) : ReversalTests<PostgresApp>(app);
