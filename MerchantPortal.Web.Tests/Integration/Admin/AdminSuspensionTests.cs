using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>Suspension from the admin area: sign-in, API keys, pay pages and open sessions refused; reactivation restores them.</summary>
public abstract class AdminSuspensionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedApp
{
    [Fact]
    public async Task ASuspendedMerchantIsRefusedEverywhereUntilReactivatedAndBothAreAudited()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        var lid = (await merchant.Api.PostAsync("create_link", ("title", "Chapati"), ("amount", "40"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var admin = await TestAdmin.CreateAsync(app);
        var stamp = (await MerchantAsync(merchant)).SecurityStamp;
        using (var open = await merchant.Api.Http.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        using var suspended = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Suspend", ("Reason", "Unpaid invoice 42"));

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("Merchant suspended", await admin.Api.Http.GetStringAsync(suspended.Headers.Location));
        var row = await MerchantAsync(merchant);
        Assert.Equal("Unpaid invoice 42", row.SuspendedReason);
        Assert.NotEqual(stamp, row.SecurityStamp);
        Assert.Contains(PortalSignInManager.SuspendedMessage, await SignInPageAsync(merchant));
        (await app.NewApi().GetAsync("me", ("api_key", key))).AssertError(HttpStatusCode.Forbidden, "merchant_suspended");
        using var customer = app.NewClient();
        var payPage = await customer.GetStringAsync($"/pay/{lid}");
        Assert.Contains(SubscriptionGate.ClosedForCustomers, payPage);
        Assert.DoesNotContain("Pay with M-Pesa", payPage);
        using (var tried = await PageForms.PostWithTokenFromAsync(customer, "/Identity/Account/Login", $"/pay/{lid}", ("Phone", TestPhones.Random())))
        {
            Assert.Contains(SubscriptionGate.ClosedForCustomers, await tried.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.LinkPublicId == lid)));
        // The session the merchant had open ends at its very next request (the stamp is checked on every one).
        using (var ended = await merchant.Api.Http.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.Contains("/Identity/Account/Login", ended.Headers.Location!.OriginalString);
        }

        using var reactivated = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Reactivate");

        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Null((await MerchantAsync(merchant)).SuspendedAt);
        (await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();
        (await app.NewApi().GetAsync("me", ("api_key", key))).AssertOk();
        Assert.Contains("Pay with M-Pesa", await customer.GetStringAsync($"/pay/{lid}"));
        var audit = await AuditOfAsync(merchant);
        Assert.Equal(["merchant.suspend", "merchant.reactivate"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(admin.Username, a.ActorName));
        Assert.Equal("{\"status\":\"trial\"}", audit[0].Before);
        Assert.Equal("{\"status\":\"suspended\",\"reason\":\"Unpaid invoice 42\"}", audit[0].After);
        Assert.Equal("{\"status\":\"suspended\",\"reason\":\"Unpaid invoice 42\"}", audit[1].Before);
        Assert.Equal("{\"status\":\"trial\"}", audit[1].After);
    }

    [Fact]
    public async Task SuspendingNeedsAReasonAndAnAdministratorCannotSuspendThemselves()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);

        using var noReason = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Suspend", ("Reason", "  "));
        using var self = await PageForms.PostAsync(admin.Api.Http, DetailsOf(admin), "handler=Suspend", ("Reason", "Oops"));

        Assert.Contains("Enter the reason: the merchant is told it.", await noReason.Content.ReadAsStringAsync());
        Assert.Contains("You cannot suspend your own account", await self.Content.ReadAsStringAsync());
        Assert.Null((await MerchantAsync(merchant)).SuspendedAt);
        Assert.Null((await MerchantAsync(admin)).SuspendedAt);
        Assert.Empty(await AuditOfAsync(merchant));
    }

    [Fact]
    public async Task TheSignInMessageGivesTheReasonTheOperatorGave()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);

        using var suspended = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Suspend", ("Reason", "Unpaid invoice <77>"));

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Contains("The operator&#x27;s reason: Unpaid invoice &lt;77&gt;", await SignInPageAsync(merchant));
        var answer = await app.NewApi().PostAsync("login", ("user", merchant.Username), ("password", merchant.Password));
        answer.AssertError(HttpStatusCode.Forbidden, "merchant_suspended");
        Assert.EndsWith("The operator's reason: Unpaid invoice <77>", answer.Message);
    }

    [Fact]
    public async Task SuspendAsksForConfirmationAndReopensToShowARefusedReason()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);

        var page = MainOf(await admin.Api.Http.GetStringAsync(DetailsOf(merchant)));
        using var noReason = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Suspend", ("Reason", ""));

        Assert.Matches("<details class=\"confirm\">\\s*<summary>Suspend</summary>\\s*<form method=\"post\"[^>]*handler=Suspend", page);
        Assert.Contains("Yes, suspend", page);
        Assert.Contains("<details class=\"confirm\" open=\"open\">", await noReason.Content.ReadAsStringAsync());
        Assert.Null((await MerchantAsync(merchant)).SuspendedAt);
    }

    [Fact]
    public async Task AuditEntriesCannotBeChangedOrDeleted()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var admin = await TestAdmin.CreateAsync(app);
        using var posted = await PageForms.PostAsync(admin.Api.Http, DetailsOf(merchant), "handler=Extend", ("Days", "1"));
        var id = Assert.Single(await AuditOfAsync(merchant)).Id;

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            (await db.AuditLog.SingleAsync(a => a.Id == id)).After = "{}";
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(a => a.Id == id));
            return await db.SaveChangesAsync();
        }));

        var entry = Assert.Single(await AuditOfAsync(merchant));
        Assert.Contains("\"days\":1", entry.After);
        Assert.DoesNotContain("method=\"post\"", MainOf(await admin.Api.Http.GetStringAsync("/Admin/Audit")));
    }

    private async Task<string> SignInPageAsync(TestMerchant merchant)
    {
        using var http = app.NewClient();
        using var posted = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", merchant.Username), ("Password", merchant.Password));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return await posted.Content.ReadAsStringAsync();
    }

    private static string MainOf(string page) => page[page.IndexOf("<main", StringComparison.Ordinal)..];

    private static string DetailsOf(TestMerchant merchant) => TestAdmin.DetailsOf(merchant);

    private Task<Merchant> MerchantAsync(TestMerchant merchant) => app.MerchantRowAsync(merchant);

    private Task<List<AuditEntry>> AuditOfAsync(TestMerchant merchant) => app.AuditOfAsync(merchant.PublicId);
}

public sealed class SqliteAdminSuspensionTests(SqliteClockedApp app) : AdminSuspensionTests<SqliteClockedApp>(app);

public sealed class PostgresAdminSuspensionTests(PostgresClockedApp app) : AdminSuspensionTests<PostgresClockedApp>(app);
