using System.Security.Claims;

namespace MerchantPortal.Web.Features.Common;

public static class ClaimsExtensions
{
    /// <summary>The signed-in merchant's id, resolved by authentication (the page conventions require sign-in).</summary>
    public static string MerchantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in merchant.");
}
