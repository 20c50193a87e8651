using System.Net;
using System.Reflection;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Members;
using MerchantPortal.Web.Pages;
using MerchantPortal.Web.Tests.Integration.Api;
using MerchantPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantPortal.Web.Tests.Integration.Members;

/// <summary>
/// Each role against every action of the table and every handler of every dashboard page: refused (403
/// <c>role_forbidden</c>, or the access-denied page) exactly where <see cref="MemberRoles"/> says, and let through elsewhere.
/// </summary>
public abstract class RoleAccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly string[] MemberRolesButOwner = [MemberRoles.Viewer, MemberRoles.Cashier, MemberRoles.Developer, MemberRoles.Finance, MemberRoles.Admin];

    [Fact]
    public async Task EachRoleIsRefusedExactlyTheActionsItsRoleDoesNotAllow()
    {
        var walk = await ActionTableWalk.StartAsync(app);
        var before = await CountsAsync(walk.Owner);
        var problems = new List<string>();

        foreach (var role in MemberRolesButOwner)
        {
            var member = await TestMembers.JoinAsync(app, walk.Owner, role);
            foreach (var (action, route) in Actions.Table.Where(a => a.Value.RequiresMerchant))
            {
                var answer = await member.Api.PostAsync(action, [.. walk.Requests[action].Select(f => (f.Name, (string?)f.Value()))]);
                var refused = answer.Code == "role_forbidden";
                var expected = route.Needs is { } needed && !MemberRoles.Allows(role, needed);
                if (refused != expected || (refused && answer.Status != HttpStatusCode.Forbidden))
                {
                    problems.Add($"{role} {action}: {(int)answer.Status} {answer.Code} (expected {(expected ? "role_forbidden" : "let through")})");
                }
            }

            if (role == MemberRoles.Viewer)
            {
                // Everything the viewer was refused wrote nothing.
                Assert.Equal(before, await CountsAsync(walk.Owner));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AnApiKeyKeepsEveryActionOfTheDocumentButManagingMembers()
    {
        var walk = await ActionTableWalk.StartAsync(app);
        var api = app.NewApi();
        foreach (var (action, route) in Actions.Table.Where(a => a.Value.RequiresMerchant))
        {
            var answer = await api.PostAsync(action,
                [.. walk.Requests[action].Select(f => (f.Name, (string?)f.Value())).Append(("api_key", walk.ApiKey))]);
            Assert.True((answer.Code == "role_forbidden") == (route.Needs == Permission.ManageMembers), $"{action}: {answer.Text}");
        }
    }

    [Fact]
    public async Task AKeyDoesNoMoreThanItsMakersRoleAndDiesWithTheirMembership()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var developer = await TestMembers.JoinAsync(app, owner, "developer");
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        var devKey = await developer.GenerateKeyAsync("Integration");
        var adminKey = await admin.GenerateKeyAsync("Ops");
        var api = app.NewApi();

        // The developer's key takes payments and manages webhooks, but cannot move where money goes.
        (await api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"), ("api_key", devKey))).AssertOk();
        (await api.PostAsync("save_webhook", ("url", "https://hooks.example.com/a"), ("api_key", devKey))).AssertOk();
        (await api.PostAsync("save_payment_account", ("type", "till"), ("number", "765432"), ("api_key", devKey)))
            .AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await api.PostAsync("transactions", ("api_key", devKey))).AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        // A key made with that key is the same developer's, no more.
        var child = (await api.PostAsync("generate_api_key", ("label", "Child"), ("api_key", devKey))).AssertOk().Body.GetProperty("key").GetString()!;
        (await api.PostAsync("save_payment_account", ("type", "till"), ("number", "765432"), ("api_key", child)))
            .AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        // The admin's key cannot pay the bill; the owner's can do what keys always could.
        (await api.PostAsync("renew_subscription", ("phone", TestPhones.Random()), ("api_key", adminKey)))
            .AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await api.PostAsync("save_payment_account", ("type", "till"), ("number", "765432"), ("api_key", adminKey))).AssertOk();

        // A demotion shrinks the key at once; leaving the business ends it.
        (await owner.Api.PostAsync("change_role", ("member_id", admin.PublicId), ("role", "viewer"))).AssertOk();
        (await api.PostAsync("save_payment_account", ("type", "till"), ("number", "765433"), ("api_key", adminKey)))
            .AssertError(HttpStatusCode.Forbidden, "role_forbidden");
        (await owner.Api.PostAsync("remove_member", ("member_id", developer.PublicId))).AssertOk();
        (await api.PostAsync("me", ("api_key", devKey))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        (await api.PostAsync("me", ("api_key", child))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task EachRoleOpensAndPostsToExactlyThePagesItsRoleAllows()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        await owner.AddAccountAsync("paybill", "123456");
        var problems = new List<string>();
        foreach (var role in MemberRolesButOwner)
        {
            var member = await TestMembers.JoinAsync(app, owner, role);
            var http = member.Api.Http;
            foreach (var (page, handlers) in DashboardPages())
            {
                var path = (page.EndsWith("/Index", StringComparison.Ordinal) ? page[..^"/Index".Length] : page) + RouteTail(page);
                using (var look = await http.GetAsync(path))
                {
                    Check(problems, role, "GET " + path, look, PagePermissions.For(page, null, looks: true));
                }

                foreach (var (handler, isGet) in handlers)
                {
                    var target = path + "?handler=" + handler;
                    using var answer = isGet
                        ? await http.GetAsync(target)
                        : await PageForms.PostWithTokenFromAsync(http, "/Identity/Account/Manage/ChangePassword", target);
                    Check(problems, role, (isGet ? "GET " : "POST ") + target, answer, PagePermissions.For(page, handler, looks: isGet));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryDashboardPageIsInThePermissionTable()
    {
        var missing = DashboardPages().Where(p => PagePermissions.For(p.Page, null, looks: true) is null).Select(p => p.Page).ToList();

        Assert.Empty(missing);
        Assert.Contains(DashboardPages(), p => p.Page == "/Members/Index");
        Assert.Contains(DashboardPages(), p => p.Page == "/Counter/Index");
    }

    /// <summary>A value for the page's route parameter (<c>@page "{id:int}"</c>), so the address reaches the page at all.</summary>
    private static string RouteTail(string page)
    {
        var first = File.ReadLines(Path.Combine(SourceTree.WebProject(), "Pages" + page + ".cshtml")).First();
        return first.Contains("{id", StringComparison.Ordinal) ? "/1" : "";
    }

    private static void Check(List<string> problems, string role, string what, HttpResponseMessage answer, Permission? needed)
    {
        var denied = answer.StatusCode == HttpStatusCode.Redirect
            && answer.Headers.Location?.OriginalString.Contains("/Identity/Account/AccessDenied", StringComparison.Ordinal) == true;
        var expected = needed is null || !MemberRoles.Allows(role, needed.Value);
        if (denied != expected || (int)answer.StatusCode >= 500)
        {
            problems.Add($"{role} {what}: {(int)answer.StatusCode} {answer.Headers.Location} (expected {(expected ? "denied" : "let through")})");
        }
    }

    /// <summary>Every page model of the dashboard (not the public, admin or account pages) and its named handlers.</summary>
    private static IEnumerable<(string Page, List<(string Handler, bool IsGet)> Handlers)> DashboardPages()
    {
        const string root = "MerchantPortal.Web.Pages.";
        foreach (var type in typeof(PagePermissions).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace?.StartsWith(root, StringComparison.Ordinal) == true && t.Name.EndsWith("Model", StringComparison.Ordinal)))
        {
            var page = "/" + type.Namespace![root.Length..].Replace('.', '/') + "/" + type.Name[..^"Model".Length];
            if (PagePermissions.IsExempt(page))
            {
                continue;
            }

            var handlers = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^"Async".Length] : m.Name)
                .Select(n => n.StartsWith("OnPost", StringComparison.Ordinal) ? (n["OnPost".Length..], false)
                    : n.StartsWith("OnGet", StringComparison.Ordinal) ? (n["OnGet".Length..], true) : ("", true))
                .Where(h => h.Item1.Length > 0)
                .Distinct()
                .ToList();
            yield return (page, handlers);
        }
    }

    private static async Task<(int Links, int Keys, int Webhooks, int Accounts)> CountsAsync(TestMerchant owner)
    {
        var me = (await owner.Api.GetAsync("me")).AssertOk().Data.GetProperty("user");
        var hooks = (await owner.Api.GetAsync("webhooks")).AssertOk().Data.GetProperty("webhooks").GetArrayLength();
        return (me.GetProperty("links").GetArrayLength(), me.GetProperty("api_keys").GetArrayLength(), hooks,
            me.GetProperty("payment_accounts").GetArrayLength());
    }
}

public sealed class SqliteRoleAccessTests(SqliteApp app) : RoleAccessTests<SqliteApp>(app);

public sealed class PostgresRoleAccessTests(PostgresApp app) : RoleAccessTests<PostgresApp>(app);
