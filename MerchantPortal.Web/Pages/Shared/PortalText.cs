namespace MerchantPortal.Web.Pages.Shared;

/// <summary>
/// The signed-in portal's shared words (navigation, account menu, banners), read through <c>IStringLocalizer</c> as the
/// customer pages read <c>PayText</c>. Only PortalText.resx (English) exists: the dashboard stays English whatever the
/// browser asks for, since a missing language falls back to it. A translation is a PortalText.xx.resx beside it.
/// The dashboard pages' words live here too, keyed by a prefix per page (Home_, Checklist_, Links_…): one file keeps a
/// translator's work in one place and one test (PortalTextResourcesTests) checks every key a view asks for; a few hundred
/// short entries do not need splitting. Values are plain text: links and emphasis stay in the view around them.
/// </summary>
public sealed class PortalText;
