namespace MerchantPortal.Web.Features.Members;

/// <summary>What a role may do; every page, handler and action names one of these (see <see cref="MemberRoles"/>).</summary>
public enum Permission
{
    /// <summary>Dashboard, payment links and accounts (read), the business's subscription (read).</summary>
    Read,

    /// <summary>Transactions and their details, the payments list.</summary>
    ViewPayments,

    /// <summary>Ask a customer's phone for a payment: the counter, api_stk, pay-link sharing.</summary>
    TakePayments,

    /// <summary>Exports, statement import, unmatched payments.</summary>
    ManagePayments,

    /// <summary>Payment accounts and their credentials, payment links, the business profile, C2B registration.</summary>
    ManageBusiness,

    /// <summary>API keys, webhooks, request logs, test mode and test data.</summary>
    Develop,

    /// <summary>The portal subscription: plans, renewal.</summary>
    Billing,

    /// <summary>Members and invitations, the audit log, the two-factor requirement.</summary>
    ManageMembers,

    /// <summary>Ask for a payment's reversal.</summary>
    RequestReversal,

    /// <summary>Approve another member's reversal request.</summary>
    ApproveReversal,

    /// <summary>Close the business for good (owners only).</summary>
    CloseBusiness,
}

/// <summary>
/// The roles of a business and the one table of what each may do. Owner: everything. Admin: everything except billing
/// and ownership. Finance: payments, exports, statements, reversal requests. Cashier: the counter and the payments they
/// took today. Developer: keys, webhooks, logs, test mode. Viewer: read only. A call made with an API key acts for
/// the business as keys always have (every action the API document lists) when made before members; a key made by a
/// member does no more than its maker's role now (see <see cref="KeyOf"/>). Managing members and approving reversals
/// need a signed-in owner or admin.
/// </summary>
public static class MemberRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Finance = "finance";
    public const string Cashier = "cashier";
    public const string Developer = "developer";
    public const string Viewer = "viewer";

    /// <summary>
    /// Not a member's role: what a call authenticated by an API key made before members acts with (the owner made it).
    /// A key made by a member acts as <see cref="KeyOf"/> their role now.
    /// </summary>
    public const string ApiKey = "api_key";

    private const string KeyPrefix = "api_key:";

    /// <summary>
    /// A key made by a member with <paramref name="makerRole"/>: what the key role allows, within what the maker may
    /// do (and taking payments, what an integration is for), never more; so a developer's key cannot change where money
    /// goes, nor an admin's pay the bill.
    /// </summary>
    public static string KeyOf(string makerRole) => KeyPrefix + makerRole;

    /// <summary>The roles a member can hold, most powerful first (the order pages list them in).</summary>
    public static readonly string[] All = [Owner, Admin, Finance, Cashier, Developer, Viewer];

    private static readonly Dictionary<string, Permission[]> Grants = new(StringComparer.Ordinal)
    {
        [Owner] = Enum.GetValues<Permission>(),
        [Admin] = [.. Enum.GetValues<Permission>().Where(p => p is not (Permission.Billing or Permission.CloseBusiness))],
        [Finance] = [Permission.Read, Permission.ViewPayments, Permission.TakePayments, Permission.ManagePayments, Permission.RequestReversal],
        [Cashier] = [Permission.TakePayments],
        [Developer] = [Permission.Develop],
        [Viewer] = [Permission.Read, Permission.ViewPayments],
        [ApiKey] = [.. Enum.GetValues<Permission>().Where(p => p is not (Permission.ManageMembers or Permission.ApproveReversal or Permission.CloseBusiness))],
    };

    public static bool IsRole(string? role) => role is not null && Array.IndexOf(All, role) >= 0;

    public static bool Allows(string? role, Permission permission) =>
        role is not null && (role.StartsWith(KeyPrefix, StringComparison.Ordinal)
            ? Allows(ApiKey, permission) && (permission == Permission.TakePayments || Allows(role[KeyPrefix.Length..], permission))
            : Grants.TryGetValue(role, out var granted) && Array.IndexOf(granted, permission) >= 0);

    /// <summary>The role as people read it ("Finance").</summary>
    public static string Title(string role) => role.Length == 0 ? role : char.ToUpperInvariant(role[0]) + role[1..];

    /// <summary>The answer to a role that may not do something (HTTP 403, <c>role_forbidden</c>).</summary>
    public static Common.ServiceError Forbidden(string? role) => new(Common.ErrorKind.Forbidden, "role_forbidden",
        role is not null && role.StartsWith(ApiKey, StringComparison.Ordinal)
            ? "This API key may not do this (a key does no more than its maker's role allows; managing members needs a signed-in owner or admin)."
            : $"Your role ({Title(role ?? "none")}) may not do this. Ask an owner or admin of the business.");
}
