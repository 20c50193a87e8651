using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>The admin area is for administrators only: every page and every action, GET and POST.</summary>
public abstract class AdminAccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    public static TheoryData<string> Pages =>
    [
        "/Admin", "/Admin/Merchants", "/Admin/Merchants?q=m", "/Admin/Merchants/Details/{merchant}", "/Admin/Plans",
        "/Admin/Plans/Edit/{plan}", "/Admin/Admins", "/Admin/Audit",
    ];

    public static TheoryData<string> Actions =>
    [
        "/Admin/Merchants/Details/{merchant}?handler=Extend", "/Admin/Merchants/Details/{merchant}?handler=ChangePlan",
        "/Admin/Merchants/Details/{merchant}?handler=Suspend", "/Admin/Merchants/Details/{merchant}?handler=Reactivate",
        "/Admin/Plans", "/Admin/Plans/Edit/{plan}", "/Admin/Plans/Edit/{plan}?handler=MakeDefault", "/Admin/Admins",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ANonAdminMerchantIsRefusedEveryAdminPage(string page)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var response = await merchant.Api.Http.GetAsync(await ResolveAsync(page, merchant));

        AssertDenied(response);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task ANonAdminMerchantIsRefusedEveryAdminActionAndNothingChanges(string action)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var before = await SnapshotAsync(merchant);

        // A genuine antiforgery token from the merchant's own page, so only authorisation can refuse the post.
        using var response = await PageForms.PostWithTokenFromAsync(merchant.Api.Http, "/Dashboard", await ResolveAsync(action, merchant),
            ("Days", "30"), ("PlanId", await DefaultPlanAsync()), ("Reason", "Because"), ("Login", merchant.Email),
            ("Input.Name", "Free"), ("Input.Price", "1"), ("Input.PeriodDays", "3650"), ("Input.Active", "false"));

        AssertDenied(response);
        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnAnonymousVisitorIsSentToSignInFromEveryAdminPage(string page)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var response = await http.GetAsync(await ResolveAsync(page, merchant));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", PathOf(response));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task AnAnonymousVisitorIsRefusedEveryAdminAction(string action)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var before = await SnapshotAsync(merchant);
        using var http = app.NewClient();

        using var response = await PageForms.PostWithTokenFromAsync(http, "/Identity/Account/Login", await ResolveAsync(action, merchant),
            ("Days", "30"), ("Reason", "Because"), ("Login", merchant.Email), ("Input.Name", "Free"), ("Input.Price", "1"), ("Input.PeriodDays", "30"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", PathOf(response));
        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnAdministratorOpensEveryAdminPage(string page)
    {
        var admin = await TestAdmin.CreateAsync(app);
        var merchant = await TestMerchant.RegisterAsync(app);

        var html = await admin.Api.Http.GetStringAsync(await ResolveAsync(page, merchant));

        Assert.Contains("aria-label=\"Admin\"", html);
    }

    [Fact]
    public async Task TheAdminLinkIsShownToAdministratorsOnly()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var merchant = await TestMerchant.RegisterAsync(app);

        Assert.Contains("href=\"/Admin\"", await admin.Api.Http.GetStringAsync("/Dashboard"));
        Assert.DoesNotContain("href=\"/Admin\"", await merchant.Api.Http.GetStringAsync("/Dashboard"));
    }

    private static void AssertDenied(HttpResponseMessage response)
    {
        var denied = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect
                && PathOf(response).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal));
        Assert.True(denied, $"Expected 403 or the AccessDenied page, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    private async Task<string> ResolveAsync(string path, TestMerchant merchant) =>
        path.Replace("{merchant}", merchant.PublicId, StringComparison.Ordinal).Replace("{plan}", await DefaultPlanAsync(), StringComparison.Ordinal);

    private Task<string> DefaultPlanAsync() =>
        app.WithDbAsync(db => db.Plans.Where(p => p.IsDefault).Select(p => p.PublicId).FirstAsync());

    /// <summary>What any of the actions would change: the merchant, the plans, the administrators, the audit log.</summary>
    private Task<string> SnapshotAsync(TestMerchant merchant) => app.WithDbAsync(async db =>
    {
        var m = await db.Users.AsNoTracking().SingleAsync(u => u.PublicId == merchant.PublicId);
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.PublicId}:{p.Name}:{p.Price}:{p.PeriodDays}:{p.IsActive}:{p.IsDefault}").ToListAsync();
        var roles = await db.UserRoles.CountAsync(r => r.UserId == m.Id);
        var audit = await db.AuditLog.CountAsync(a => a.Target == merchant.PublicId || a.ActorId == m.Id);
        return $"{m.SubscriptionExpiresAt:o}|{m.PlanId}|{m.SuspendedAt}|{m.SecurityStamp}|{string.Join(",", plans)}|{roles}|{audit}";
    });
}

public sealed class SqliteAdminAccessTests(SqliteApp app) : AdminAccessTests<SqliteApp>(app);

public sealed class PostgresAdminAccessTests(PostgresApp app) : AdminAccessTests<PostgresApp>(app);
