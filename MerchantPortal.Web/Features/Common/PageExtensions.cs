using System.Security.Claims;
using MerchantPortal.Web.Api;

namespace MerchantPortal.Web.Features.Common;

/// <summary>What every dashboard page model needs: who is signed in.</summary>
public static class PageExtensions
{
    /// <summary>The signed-in merchant's id; the folder convention guarantees one is signed in.</summary>
    public static string MerchantId(this ClaimsPrincipal user) => user.Acting().Id;

    /// <summary>The business the session acts for, with the person and their role (for rules and the audit log).</summary>
    public static Merchants.SignedInMerchant Acting(this ClaimsPrincipal user) =>
        PortalSchemes.Merchant(user) ?? throw new InvalidOperationException("No merchant is signed in.");
}
