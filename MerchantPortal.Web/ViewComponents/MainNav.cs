namespace MerchantPortal.Web.ViewComponents;

/// <summary>One entry of the signed-in navigation.</summary>
public sealed record NavItem(string Text, string Href, params string[] AlsoCurrentUnder)
{
    /// <summary>The current page is this entry's address or one below it (a link's page is under Links).</summary>
    public bool IsCurrent(string path) =>
        new[] { Href }.Concat(AlsoCurrentUnder).Any(prefix =>
            path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A group of entries folded under one word (Developers, Settings).</summary>
public sealed record NavGroup(string Text, IReadOnlyList<NavItem> Items)
{
    public bool HoldsCurrent(string path) => Items.Any(i => i.IsCurrent(path));
}

/// <summary>The portal's navigation, written once: the layout's menu and the tests read it from here.</summary>
public static class MainNav
{
    /// <summary>Settings → Security: the Identity manage pages (password, two-factor, recovery codes, sessions).</summary>
    public static readonly NavItem Security = new("Security", "/Identity/Account/Manage/TwoFactor", "/Identity/Account/Manage");

    public static readonly IReadOnlyList<NavItem> Primary =
    [
        new("Home", "/Dashboard"),
        new("Payments", "/Transactions"),
        new("Links", "/PaymentLinks"),
    ];

    public static readonly IReadOnlyList<NavGroup> Groups =
    [
        new("Developers", [new("API keys", "/ApiKeys"), new("Webhooks", "/Webhooks"), new("Docs", "/Developers")]),
        new("Settings",
        [
            new("Business", "/Settings/Business"),
            new("Payment accounts", "/PaymentAccounts"),
            Security,
            new("Billing", "/Billing"),
        ]),
    ];

    /// <summary>The account menu's security entries: the Identity manage pages that exist today.</summary>
    public static readonly IReadOnlyList<NavItem> AccountSecurity =
    [
        new("Change password", "/Identity/Account/Manage/ChangePassword"),
        new("Two-factor sign-in and recovery codes", "/Identity/Account/Manage/TwoFactor"),
        new("Sign out of other sessions", "/Identity/Account/Manage/TwoFactor#sessions"),
    ];

    public static readonly NavItem Admin = new("Admin area", "/Admin");
}
