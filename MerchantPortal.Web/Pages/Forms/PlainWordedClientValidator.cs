using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace MerchantPortal.Web.Pages.Forms;

/// <summary>
/// One of FluentValidation's client adapters with its message in the page's words: the adapter writes the rule's
/// API message into <c>data-val-{rule}</c>, and this puts <see cref="FormWording"/>'s text there instead, so the
/// browser says what the server would say after a round trip.
/// </summary>
public sealed class PlainWordedClientValidator(IClientModelValidator adapter, string field) : IClientModelValidator
{
    public void AddValidation(ClientModelValidationContext context)
    {
        var before = context.Attributes.Keys.ToHashSet(StringComparer.Ordinal);
        adapter.AddValidation(context);
        // data-val-regex is a message; data-val-regex-pattern (one more dash) is a parameter.
        var messages = context.Attributes.Keys
            .Where(k => !before.Contains(k) && k.StartsWith("data-val-", StringComparison.Ordinal) && !k["data-val-".Length..].Contains('-'))
            .ToList();
        foreach (var key in messages)
        {
            context.Attributes[key] = FormWording.For(field, context.Attributes[key]);
        }
    }
}
