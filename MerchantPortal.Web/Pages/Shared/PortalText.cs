namespace MerchantPortal.Web.Pages.Shared;

/// <summary>
/// The signed-in portal's shared words (navigation, account menu, banners), read through <c>IStringLocalizer</c> as the
/// customer pages read <c>PayText</c>. Only PortalText.resx (English) exists: the dashboard stays English whatever the
/// browser asks for, since a missing language falls back to it. A translation is a PortalText.xx.resx beside it.
/// The words of every dashboard, admin and sign-in page live here too, keyed by a prefix per page (Home_, Links_, Dev_,
/// Admin_, Login_…): one file keeps a translator's work in one place and one test (PortalTextResourcesTests) checks every
/// key a view asks for; some hundreds of short entries do not need splitting. Values are plain text: links and emphasis stay in the view around them.
/// </summary>
public sealed class PortalText
{
    /// <summary>The key of a role's name (Role_owner…); a unit test checks every role has one, and its help (RoleHelp_…).</summary>
    public static string RoleKey(string role) => "Role_" + role;

    public static string RoleHelpKey(string role) => "RoleHelp_" + role;
}
