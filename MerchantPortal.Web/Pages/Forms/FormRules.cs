using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Pages.Forms;

/// <summary>
/// A form's browser-side rules: the rules of the request the page sends, read from that request's validator, so
/// they are written once. FluentValidation's client adapters look a validator up by the form's type and ask it for
/// the rules of each input's property; the form's properties carry the request's names, or are renamed here
/// (the sign-in page's <c>Login</c> is the request's <c>User</c>).
/// </summary>
/// <remarks>
/// Only describes: a page never validates its form itself, the service validates the request (automatic
/// validation stays off), so a call to validate is a mistake and says so.
/// </remarks>
public sealed class FormRules<TForm, TRequest>(IValidator<TRequest> rules, params (string Form, string Request)[] renames)
    : IValidator<TForm>
{
    public IValidatorDescriptor CreateDescriptor() => new ApiNamedDescriptor(rules.CreateDescriptor(), RequestName);

    public bool CanValidateInstancesOfType(Type type) => typeof(TForm).IsAssignableFrom(type);

    public FluentValidation.Results.ValidationResult Validate(TForm instance) => throw NotForServer();

    public Task<FluentValidation.Results.ValidationResult> ValidateAsync(TForm instance, CancellationToken cancellation = default) =>
        throw NotForServer();

    public FluentValidation.Results.ValidationResult Validate(IValidationContext context) => throw NotForServer();

    public Task<FluentValidation.Results.ValidationResult> ValidateAsync(IValidationContext context, CancellationToken cancellation = default) =>
        throw NotForServer();

    private static NotSupportedException NotForServer() =>
        new($"{typeof(TForm).Name} only describes {typeof(TRequest).Name}'s rules to the browser; the service validates the request.");

    /// <summary>The request's rules are named as the API names fields (<c>account_reference</c>); the form asks by property.</summary>
    private string RequestName(string formProperty)
    {
        var rename = Array.Find(renames, r => r.Form == formProperty);
        return ValidationExtensions.ApiFieldName(rename.Request ?? formProperty);
    }

    private sealed class ApiNamedDescriptor(IValidatorDescriptor inner, Func<string, string> apiName) : IValidatorDescriptor
    {
        public string GetName(string property) => inner.GetName(apiName(property));

        public ILookup<string, (IPropertyValidator Validator, IRuleComponent Options)> GetMembersWithValidators() =>
            inner.GetMembersWithValidators();

        public IEnumerable<(IPropertyValidator Validator, IRuleComponent Options)> GetValidatorsForMember(string name) =>
            inner.GetValidatorsForMember(apiName(name));

        public IEnumerable<IValidationRule> GetRulesForMember(string name) =>
            inner.GetRulesForMember(apiName(name));

        public IEnumerable<IValidationRule> Rules => inner.Rules;
    }
}
