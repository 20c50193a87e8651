namespace MerchantPortal.Web.ViewComponents;

/// <summary>One entry of the signed-in navigation; <paramref name="TextKey"/> names its words in PortalText.resx.</summary>
public sealed record NavItem(string TextKey, string Href, params string[] AlsoCurrentUnder)
{
    /// <summary>The current page is this entry's address or one below it (a link's page is under Links).</summary>
    public bool IsCurrent(string path) =>
        new[] { Href }.Concat(AlsoCurrentUnder).Any(prefix =>
            path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A group of entries folded under one word (Developers, Settings).</summary>
public sealed record NavGroup(string TextKey, IReadOnlyList<NavItem> Items)
{
    public bool HoldsCurrent(string path) => Items.Any(i => i.IsCurrent(path));
}

/// <summary>The portal's navigation, written once: the layout's menu and the tests read it from here; its words are in PortalText.resx.</summary>
public static class MainNav
{
    /// <summary>Settings → Security: the Identity manage pages (password, two-factor, recovery codes, sessions).</summary>
    public static readonly NavItem Security = new("NavSecurity", "/Identity/Account/Manage/TwoFactor", "/Identity/Account/Manage");

    public static readonly IReadOnlyList<NavItem> Primary =
    [
        new("NavHome", "/Dashboard"),
        new("NavPayments", "/Transactions"),
        new("NavReconcile", "/Statements"),
        new("NavLinks", "/PaymentLinks"),
        new("NavUnmatched", "/Unmatched"),
        new("NavCounter", "/Counter"),
    ];

    public static readonly IReadOnlyList<NavGroup> Groups =
    [
        new("NavDevelopers", [new("NavApiKeys", "/ApiKeys"), new("NavWebhooks", "/Webhooks"), new("NavLogs", "/Logs"), new("NavDocs", "/Developers")]),
        new("NavSettings",
        [
            new("NavBusiness", "/Settings/Business"),
            new("NavPaymentAccounts", "/PaymentAccounts"),
            new("NavMembers", "/Members"),
            new("NavAudit", "/Audit"),
            Security,
            new("NavBilling", "/Billing"),
        ]),
    ];

    /// <summary>The account menu's security entries: the Identity manage pages that exist today.</summary>
    public static readonly IReadOnlyList<NavItem> AccountSecurity =
    [
        new("NavChangePassword", "/Identity/Account/Manage/ChangePassword"),
        new("NavTwoFactor", "/Identity/Account/Manage/TwoFactor"),
        new("NavSessions", "/Identity/Account/Manage/TwoFactor#sessions"),
    ];

    public static readonly NavItem Admin = new("NavAdmin", "/Admin");

    public static readonly NavItem Businesses = new("NavBusinesses", "/Businesses");
}
