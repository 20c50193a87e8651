using System.Security.Claims;
using MerchantPortal.Web.Api;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MerchantPortal.Web.Features.Common;

/// <summary>What every dashboard page model needs: who is signed in, and a service's refusal shown on the form.</summary>
public static class PageExtensions
{
    /// <summary>The signed-in merchant's id; the folder convention guarantees one is signed in.</summary>
    public static string MerchantId(this ClaimsPrincipal user) =>
        PortalSchemes.Merchant(user)?.Id ?? throw new InvalidOperationException("No merchant is signed in.");

    /// <summary>
    /// Puts each failed field next to its input (<c>accountReference</c> → <c>Input.AccountReference</c>);
    /// a field the form does not have, or an error without fields, goes to the form's summary.
    /// </summary>
    public static void AddServiceError(this ModelStateDictionary modelState, ServiceError error, string prefix, params string[] formFields)
    {
        if (error.Fields is not { Count: > 0 })
        {
            modelState.AddModelError("", error.Message);
            return;
        }

        foreach (var (field, message) in error.Fields)
        {
            var property = formFields.FirstOrDefault(f => string.Equals(f, field.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
            modelState.AddModelError(property is null ? "" : prefix.Length == 0 ? property : $"{prefix}.{property}", message);
        }
    }
}
