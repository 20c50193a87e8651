using System.Security.Claims;
using MerchantPortal.Web.Api;

namespace MerchantPortal.Web.Features.Common;

/// <summary>What every dashboard page model needs: who is signed in.</summary>
public static class PageExtensions
{
    /// <summary>The signed-in merchant's id; the folder convention guarantees one is signed in.</summary>
    public static string MerchantId(this ClaimsPrincipal user) =>
        PortalSchemes.Merchant(user)?.Id ?? throw new InvalidOperationException("No merchant is signed in.");
}
