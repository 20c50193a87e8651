using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MerchantPortal.Web.Pages;

/// <summary>
/// Binds a page's <c>bool</c> the way a browser's checkbox means it: <c>true</c>/<c>on</c>/<c>yes</c>/<c>1</c> are
/// true and anything else false. The framework's binder keeps an unreadable value (a plain checkbox sends
/// <c>on</c>) as the field's attempted value, and re-rendering the form then throws while converting it back to a
/// bool: a crafted form field would be a 500. Here the stored value is always <c>true</c> or <c>false</c>.
/// </summary>
public sealed class CheckboxModelBinder : IModelBinder
{
    private static readonly string[] TrueValues = ["true", "on", "yes", "1"];

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var value = TrueValues.Contains(result.FirstValue?.Trim(), StringComparer.OrdinalIgnoreCase);
        var text = value ? "true" : "false";
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, text, text);
        bindingContext.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }
}

public sealed class CheckboxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new CheckboxModelBinder() : null;
}
