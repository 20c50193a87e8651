using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.Areas.Identity.Pages.Account;

/// <summary>What the account pages share: where to go after signing in, and whose address is asking.</summary>
public static class AccountPages
{
    /// <summary>
    /// The site's root decides (Pages/Index): the signed-in session is only readable on the next request, and it
    /// sends an administrator to the admin area and a merchant to their dashboard.
    /// </summary>
    public const string Home = "/";

    /// <summary>Only a local return URL is followed: anything else could send a merchant to a look-alike site.</summary>
    public static string AfterSignIn(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : Home;

    public static string ClientIp(HttpContext context) => Hosting.ClientAddress.Of(context);

    /// <summary>The person signed in (the Manage folder requires a session, so it is there): their own sign-in, whatever business they act for.</summary>
    public static string PersonId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public const string TooManyAttempts = "Too many attempts from this address. Wait a minute and try again.";
}
