using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MerchantPortal.Web.Pages;

/// <summary>
/// What each dashboard page asks of the role, in one table: a folder's permission to look (GET) and to change (any
/// other method), and the few handlers or pages that ask more. A page of the dashboard missing here is refused to
/// everyone (a test walks every page against it), so a new page cannot be open by oversight.
/// </summary>
public static class PagePermissions
{
    /// <summary>Pages every signed-in person reaches whatever their role, or that are public or the operator's.</summary>
    public static readonly string[] Exempt = ["/Index", "/Error", "/Pay", "/Docs", "/Admin", "/Invite", "/Businesses"];

    private static readonly Dictionary<string, (Permission Look, Permission Change)> Folders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/Dashboard"] = (Permission.Read, Permission.Develop),
        ["/Transactions"] = (Permission.ViewPayments, Permission.ManagePayments),
        ["/Statements"] = (Permission.ManagePayments, Permission.ManagePayments),
        ["/Unmatched"] = (Permission.ViewPayments, Permission.ManagePayments),
        ["/PaymentLinks"] = (Permission.Read, Permission.ManageBusiness),
        ["/PaymentAccounts"] = (Permission.Read, Permission.ManageBusiness),
        ["/Settings"] = (Permission.ManageBusiness, Permission.ManageBusiness),
        ["/ApiKeys"] = (Permission.Develop, Permission.Develop),
        ["/Webhooks"] = (Permission.Develop, Permission.Develop),
        ["/Logs"] = (Permission.Develop, Permission.Develop),
        ["/Developers"] = (Permission.Develop, Permission.Develop),
        ["/TestData"] = (Permission.Read, Permission.Read),
        ["/Billing"] = (Permission.Billing, Permission.Billing),
        ["/Members"] = (Permission.ManageMembers, Permission.ManageMembers),
        ["/Audit"] = (Permission.ManageMembers, Permission.ManageMembers),
        ["/Counter"] = (Permission.TakePayments, Permission.TakePayments),
    };

    /// <summary>Pages and handlers that ask more than their folder: "page" for the whole page, "page:Handler" for one handler.</summary>
    private static readonly Dictionary<string, Permission> Stricter = new(StringComparer.OrdinalIgnoreCase)
    {
        // Credentials hold secrets; pulling statements talks to M-Pesa with them.
        ["/PaymentAccounts/Credentials"] = Permission.ManageBusiness,
        ["/PaymentAccounts/Pull"] = Permission.ManageBusiness,
        ["/PaymentAccounts/Initiator"] = Permission.ManageBusiness,
        // Reversals: asking is Finance's (and admins'), approving or declining a second owner's or admin's.
        ["/Transactions/Details:Reverse"] = Permission.RequestReversal,
        ["/Transactions/Details:Approve"] = Permission.ApproveReversal,
        ["/Transactions/Details:Decline"] = Permission.ApproveReversal,
        ["/Members/Index:ReversalThreshold"] = Permission.ManageMembers,
        // Closing the business is its owners' alone.
        ["/Settings/Close"] = Permission.CloseBusiness,
        // The CSV export is a GET, but an export: Finance's, not a viewer's.
        ["/Transactions/Index:Csv"] = Permission.ManagePayments,
    };

    public static bool IsExempt(string page) =>
        Exempt.Any(e => page.Equals(e, StringComparison.OrdinalIgnoreCase) || page.StartsWith(e + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>What a page's handler asks (<paramref name="page"/> as "/Transactions/Index"), or null for a page not in the table.</summary>
    public static Permission? For(string page, string? handler, bool looks)
    {
        if (handler is not null && Stricter.TryGetValue(page + ":" + handler, out var forHandler))
        {
            return forHandler;
        }

        if (Stricter.TryGetValue(page, out var forPage))
        {
            return forPage;
        }

        var slash = page.IndexOf('/', 1);
        var folder = slash < 0 ? page : page[..slash];
        return Folders.TryGetValue(folder, out var folderRule) ? (looks ? folderRule.Look : folderRule.Change) : null;
    }

    /// <summary>Whether a role may open the page at this address (the navigation leaves out the rest).</summary>
    public static bool MayOpen(string? role, string href)
    {
        var path = href.Split('#', '?')[0].TrimEnd('/');
        if (path.StartsWith("/Identity/", StringComparison.OrdinalIgnoreCase) || IsExempt(path))
        {
            return true;
        }

        var page = path.Count(c => c == '/') == 1 ? path + "/Index" : path;
        return For(page, null, looks: true) is { } needed && MemberRoles.Allows(role, needed);
    }

    public static string PolicyName(Permission permission) => "role:" + permission;

    /// <summary>One authorization policy per permission: the session's role must grant it.</summary>
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            builder.AddPolicy(PolicyName(permission), p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => PortalSchemes.Merchant(c.User)?.Allows(permission) == true));
        }

        return builder;
    }
}

/// <summary>
/// Applies <see cref="PagePermissions"/> to every dashboard handler before it runs: a role that may not gets the
/// access-denied page; a member whose business requires a second factor they have not set up is sent to set it up.
/// </summary>
public sealed class PagePermissionFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public const string TwoFactorSetupPage = "/Identity/Account/Manage/EnableAuthenticator";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var descriptor = context.ActionDescriptor;
        var page = descriptor.ViewEnginePath;
        if (descriptor.AreaName is not null || PagePermissions.IsExempt(page))
        {
            await next();
            return;
        }

        var user = context.HttpContext.User;
        if (user.HasClaim(c => c.Type == PortalSchemes.NeedsTwoFactorClaim))
        {
            context.Result = new RedirectResult(TwoFactorSetupPage);
            return;
        }

        var method = context.HttpContext.Request.Method;
        var needed = PagePermissions.For(page, context.HandlerMethod?.Name, HttpMethods.IsGet(method) || HttpMethods.IsHead(method));
        if (needed is null || !(await authorization.AuthorizeAsync(user, PagePermissions.PolicyName(needed.Value))).Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }
}
