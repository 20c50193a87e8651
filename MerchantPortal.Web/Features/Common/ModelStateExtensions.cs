using MerchantPortal.Web.Pages.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// The one place a service's refusal is put on a form: every field's error at once, each beside its input, in the
/// page's plain words (<see cref="FormWording"/>), not the API's.
/// </summary>
public static class ModelStateExtensions
{
    /// <summary>
    /// Each field message beside its input (the API's <c>new_password</c> becomes the page's <c>NewPassword</c>),
    /// or the message for the whole form when no field is named.
    /// </summary>
    /// <param name="renames">Fields whose page property is not the API name in PascalCase (<c>user</c> → <c>Login</c>).</param>
    public static void AddServiceError(this ModelStateDictionary modelState, ServiceError error, params (string Field, string Property)[] renames) =>
        modelState.Add(error, field =>
        {
            var rename = Array.Find(renames, r => r.Field == field);
            return rename.Property ?? PropertyName(field);
        });

    /// <summary>
    /// For a form bound to a nested model (<c>Input.AccountReference</c>): fields the form has go beside their input,
    /// anything else to the form's summary.
    /// </summary>
    public static void AddServiceError(this ModelStateDictionary modelState, ServiceError error, string prefix, params string[] formFields) =>
        modelState.Add(error, field =>
        {
            var property = formFields.FirstOrDefault(f => string.Equals(f, field.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            return property is null ? "" : prefix.Length == 0 ? property : $"{prefix}.{property}";
        });

    private static void Add(this ModelStateDictionary modelState, ServiceError error, Func<string, string> key)
    {
        if (error.Fields is not { Count: > 0 })
        {
            modelState.AddModelError("", error.Message);
            return;
        }

        foreach (var (field, message) in error.Fields)
        {
            modelState.AddModelError(key(field), FormWording.For(field, message));
        }
    }

    private static string PropertyName(string field) =>
        string.Concat(field.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
