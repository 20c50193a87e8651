using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Members;

/// <summary>An owner closes the business: payments, keys, invitations and members stop; records stay; the operator can reopen it.</summary>
public abstract class CloseBusinessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string ClosePage = "/Settings/Close";

    [Fact]
    public async Task AnOwnerClosesTheBusinessAndItStopsForCustomersKeysAndMembersUntilTheOperatorReopensIt()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync();
        var key = await owner.GenerateKeyAsync();
        var lid = (await owner.Api.PostAsync("create_link", ("title", "Chapati"), ("amount", "40"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        await TestMembers.InviteAsync(owner.Api, "later" + Guid.NewGuid().ToString("N")[..8] + "@example.com", "viewer");

        // Only an owner reaches the page; an admin is refused it.
        using (var refused = await admin.Api.Http.GetAsync(ClosePage))
        {
            Assert.Contains("/Identity/Account/AccessDenied", refused.Headers.Location?.OriginalString);
        }

        Assert.Contains("Close this business", await owner.Api.Http.GetStringAsync("/Settings/Business"));
        var wrongName = await PageAsync(await PageForms.PostOwnFormAsync(owner.Api.Http, ClosePage, ("Name", "someone else"), ("Password", owner.Password)));
        var wrongPassword = await PageAsync(await PageForms.PostOwnFormAsync(owner.Api.Http, ClosePage, ("Name", owner.Username), ("Password", "not-it")));
        Assert.Contains($"Type the business's name exactly: {owner.Username}.", wrongName);
        Assert.Contains("That is not your password.", wrongPassword);
        Assert.Null((await app.MerchantRowAsync(owner)).ClosedAt);

        using (var closed = await PageForms.PostOwnFormAsync(owner.Api.Http, ClosePage, ("Name", " " + owner.Username.ToUpperInvariant()), ("Password", owner.Password)))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
            Assert.Equal("/Businesses", closed.Headers.Location?.OriginalString);
        }

        var row = await app.MerchantRowAsync(owner);
        Assert.NotNull(row.ClosedAt);
        Assert.NotNull(row.SuspendedAt);
        Assert.False((await app.NewApi().GetAsync("me", ("api_key", key))).Ok);
        using var customer = app.NewClient();
        Assert.Contains(SubscriptionGate.ClosedForCustomers, await customer.GetStringAsync($"/pay/{lid}"));
        Assert.False(await app.WithDbAsync(db => db.MemberInvites.AnyAsync(i => i.MerchantId == row.Id && i.RevokedAt == null && i.AcceptedAt == null)));
        Assert.True(await app.WithDbAsync(db => db.BusinessAudit.AnyAsync(e => e.MerchantId == row.Id && e.Action == "business.close")));
        // Members lose it at their next request (this one falls back to their own); the owner's sign-in still works,
        // for no business now.
        Assert.Equal(admin.PublicId, (await admin.Api.GetAsync("me")).AssertOk().Data.GetProperty("user").GetProperty("id").GetString());
        using var again = app.NewClient();
        using (var signedIn = await FormPage.PostAsync(again, "/Identity/Account/Login", ("Login", owner.Username), ("Password", owner.Password)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        Assert.Contains("You are not a member of any business now", System.Net.WebUtility.HtmlDecode(await again.GetStringAsync("/Businesses")));

        var operatorAdmin = await TestAdmin.CreateAsync(app);
        using (var reopened = await PageForms.PostAsync(operatorAdmin.Api.Http, TestAdmin.DetailsOf(owner), "handler=Reactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        }

        Assert.Null((await app.MerchantRowAsync(owner)).ClosedAt);
        var login = (await app.NewApi().PostAsync("login", ("user", owner.Username), ("password", owner.Password))).AssertOk();
        Assert.Equal(owner.PublicId, login.Data.GetProperty("user").GetProperty("id").GetString());
        Assert.False((await app.NewApi().GetAsync("me", ("api_key", key))).Ok);
        Assert.Contains("Pay with M-Pesa", await customer.GetStringAsync($"/pay/{lid}"));
    }

    [Fact]
    public async Task ABusinessWithAReversalUnderWayCannotBeClosed()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var paid = (await owner.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "150"))).AssertOk().Data.GetProperty("transaction_id").GetString()!;
        Assert.Equal("succeeded", (await owner.WaitForFinalAsync(paid)).GetProperty("status").GetString());
        using (var asked = await PageForms.PostAsync(owner.Api.Http, "/Transactions/Details/" + paid, "handler=Reverse", ("reason", "Paid twice")))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        Assert.Contains("A reversal is under way", System.Net.WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync(ClosePage)));
        var refused = await PageAsync(await PageForms.PostOwnFormAsync(owner.Api.Http, ClosePage, ("Name", owner.Username), ("Password", owner.Password)));

        Assert.Contains("wait for its result (or decline it) before closing", refused);
        Assert.Null((await app.MerchantRowAsync(owner)).ClosedAt);
        Assert.Equal(ReversalStatuses.AwaitingApproval, await app.WithDbAsync(db => db.Reversals
            .Where(r => r.TransactionId == db.AllTransactions.Single(t => t.PublicId == paid).Id).Select(r => r.Status).SingleAsync()));
    }

    private static async Task<string> PageAsync(HttpResponseMessage answer)
    {
        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        }
    }
}

public sealed class SqliteCloseBusinessTests(SqliteApp app) : CloseBusinessTests<SqliteApp>(app);

public sealed class PostgresCloseBusinessTests(PostgresApp app) : CloseBusinessTests<PostgresApp>(app);
