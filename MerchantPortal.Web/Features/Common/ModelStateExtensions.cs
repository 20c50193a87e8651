using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MerchantPortal.Web.Features.Common;

public static class ModelStateExtensions
{
    /// <summary>
    /// Puts a service's failure on the form: each field message beside its input (the API's <c>new_password</c>
    /// becomes the page's <c>NewPassword</c>), or the message for the whole form when no field is named.
    /// </summary>
    /// <param name="renames">Fields whose page property is not the API name in PascalCase (<c>user</c> → <c>Login</c>).</param>
    public static void AddServiceError(this ModelStateDictionary modelState, ServiceError error, params (string Field, string Property)[] renames)
    {
        if (error.Fields is not { Count: > 0 })
        {
            modelState.AddModelError("", error.Message);
            return;
        }

        foreach (var (field, message) in error.Fields)
        {
            var rename = Array.Find(renames, r => r.Field == field);
            modelState.AddModelError(rename.Property ?? PropertyName(field), message);
        }
    }

    private static string PropertyName(string field) =>
        string.Concat(field.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
