namespace MerchantPortal.Web.Pages.Shared;

/// <summary>
/// The signed-in portal's shared words (navigation, account menu, banners), read through <c>IStringLocalizer</c> as the
/// customer pages read <c>PayText</c>. Only PortalText.resx (English) exists: the dashboard stays English whatever the
/// browser asks for, since a missing language falls back to it. A translation is a PortalText.xx.resx beside it.
/// </summary>
public sealed class PortalText;
