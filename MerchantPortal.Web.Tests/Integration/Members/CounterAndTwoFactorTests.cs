using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Members;

/// <summary>The counter (a cashier's "Request payment") and an owner's two-factor requirement.</summary>
public abstract class CounterAndTwoFactorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ACashierRequestsAPaymentAtTheCounterAndSeesItPaidWithItsReceipt()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var cashier = await TestMembers.JoinAsync(app, owner, "cashier");
        var other = await TestMembers.JoinAsync(app, owner, "cashier");
        var phone = TestPhones.Random();

        using var sent = await PageForms.PostOwnFormAsync(cashier.Api.Http, "/Counter", ("Phone", phone), ("Amount", "120"), ("Reference", "Table 4"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var followed = sent.Headers.Location!.OriginalString;
        Assert.Contains("payment=", followed);
        var waiting = WebUtility.HtmlDecode(await cashier.Api.Http.GetStringAsync(followed));
        Assert.Contains("data-poll=", waiting);
        var msisdn = "254" + phone[1..];
        var transaction = await app.WithDbAsync(db => db.AllTransactions.AsNoTracking().SingleAsync(t => t.Phone == msisdn));
        Assert.Equal("Table4", transaction.AccountReference.Replace(" ", "", StringComparison.Ordinal));
        Assert.NotNull(transaction.InitiatedById);
        var final = await owner.WaitForFinalAsync(transaction.PublicId);
        Assert.Equal("succeeded", final.GetProperty("status").GetString());

        var paid = WebUtility.HtmlDecode(await cashier.Api.Http.GetStringAsync(followed));
        Assert.Contains("Paid", paid);
        Assert.Contains(final.GetProperty("receipt").GetString()!, paid);
        Assert.DoesNotContain("data-poll=\"/", paid);
        var today = WebUtility.HtmlDecode(await cashier.Api.Http.GetStringAsync("/Counter"));
        Assert.Contains(final.GetProperty("receipt").GetString()!, today);
        Assert.DoesNotContain(final.GetProperty("receipt").GetString()!, WebUtility.HtmlDecode(await other.Api.Http.GetStringAsync("/Counter")));
        // Another business's counter cannot follow it either.
        var token = Regex.Match(followed, "payment=([0-9a-f]+)").Groups[1].Value;
        Assert.DoesNotContain(final.GetProperty("receipt").GetString()!,
            WebUtility.HtmlDecode(await (await TestMerchant.RegisterAsync(app)).Api.Http.GetStringAsync("/Counter?payment=" + token)));
    }

    [Fact]
    public async Task AnUnclearAnswerFromMpesaLeavesTheCounterFollowingThePaymentItStarted()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var cashier = await TestMembers.JoinAsync(app, owner, "cashier");

        // The simulator answers this push with a gateway fault, but the prompt went out and the customer pays.
        using var sent = await PageForms.PostOwnFormAsync(cashier.Api.Http, "/Counter", ("Phone", "0708000009"), ("Amount", "130"), ("Reference", ""));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("payment=", sent.Headers.Location!.OriginalString);
        var transaction = await app.WithDbAsync(db => db.AllTransactions.AsNoTracking()
            .SingleAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == owner.PublicId)));
        Assert.Equal("succeeded", (await owner.WaitForFinalAsync(transaction.PublicId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheCounterSaysWhatIsWrongAndPushesNothing()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var cashier = await TestMembers.JoinAsync(app, owner, "cashier");

        using var bad = await PageForms.PostOwnFormAsync(cashier.Api.Http, "/Counter", ("Phone", "12345"), ("Amount", "0"), ("Reference", ""));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Kenyan mobile number", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.AllTransactions.CountAsync(t => db.Users.Any(u => u.Id == t.MerchantId && u.PublicId == owner.PublicId))));
    }

    [Fact]
    public async Task AnOwnerRequiresTwoFactorAndAMemberWithoutItCanOnlySetItUp()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var member = await TestMembers.JoinAsync(app, owner, "viewer");

        using var refused = await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=TwoFactor", ("required", "true"));
        Assert.Contains("two-factor sign-in for yourself first", WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync("/Members")));
        await TestTwoFactor.EnableAsync(owner.Api.Http);
        using var required = await PageForms.PostAsync(owner.Api.Http, "/Members", "handler=TwoFactor", ("required", "true"));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == owner.PublicId).Select(u => u.MembersNeedTwoFactor).SingleAsync()));

        (await member.Api.GetAsync("me")).AssertError(HttpStatusCode.Forbidden, "two_factor_setup_required");
        using var dashboard = await member.Api.Http.GetAsync("/Dashboard");
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", dashboard.Headers.Location?.OriginalString);
        await TestTwoFactor.EnableAsync(member.Api.Http);
        (await member.Api.GetAsync("me")).AssertOk();
        Assert.Equal(HttpStatusCode.OK, (await member.Api.Http.GetAsync("/Dashboard")).StatusCode);
    }
}

public sealed class SqliteCounterAndTwoFactorTests(SqliteApp app) : CounterAndTwoFactorTests<SqliteApp>(app);

public sealed class PostgresCounterAndTwoFactorTests(PostgresApp app) : CounterAndTwoFactorTests<PostgresApp>(app);

/// <summary>An invitation is valid seven days.</summary>
public abstract class InviteExpiryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedApp
{
    [Fact]
    public async Task AnInvitationOlderThanSevenDaysIsRefused()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var invited = await TestMerchant.RegisterAsync(app);
        var token = await TestMembers.InviteAsync(owner.Api, invited.Email, "viewer");

        app.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        using var session = await SessionClient.SignInAsync(app, invited);
        (await session.Api.PostAsync("accept_invite", ("token", token))).AssertError(HttpStatusCode.Conflict, "invite_expired");
        Assert.Equal(invited.PublicId, (await session.Api.GetAsync("me")).AssertOk().Data.GetProperty("user").GetProperty("id").GetString());
    }
}

public sealed class SqliteInviteExpiryTests(SqliteClockedApp app) : InviteExpiryTests<SqliteClockedApp>(app);

public sealed class PostgresInviteExpiryTests(PostgresClockedApp app) : InviteExpiryTests<PostgresClockedApp>(app);
