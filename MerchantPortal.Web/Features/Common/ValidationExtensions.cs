using FluentValidation;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation.Results;

namespace MerchantPortal.Web.Features.Common;

public static class ValidationExtensions
{
    /// <summary>Failures name fields as the API does (<c>payment_id</c>, not <c>PaymentId</c>).</summary>
    [ModuleInitializer]
    internal static void UseApiFieldNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : ApiFieldName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : ApiFieldName(member.Name);
    }

    /// <summary>The API's name for a request property (<c>PaymentId</c> → <c>payment_id</c>).</summary>
    public static string ApiFieldName(string member) =>
        member == "AccountReference" ? "accountReference" : JsonNamingPolicy.SnakeCaseLower.ConvertName(member);

    /// <summary><see cref="PlainText.IsOneLine"/>: the field's <paramref name="code"/>, and a message naming <paramref name="field"/>.</summary>
    public static IRuleBuilderOptions<T, string?> OneLine<T>(this IRuleBuilder<T, string?> rule, string code, string field) =>
        rule.Must(PlainText.IsOneLine).WithErrorCode(code)
            .WithMessage(OneLineMessage(field));

    /// <summary>What a field that is not <see cref="PlainText.IsOneLine"/> is told (also where no validator runs).</summary>
    public static string OneLineMessage(string field) =>
        $"{field} must be one line of text, without tabs or invisible direction-changing characters; type it again.";

    /// <summary>A Kenyan mobile number in any form <see cref="Phones"/> accepts.</summary>
    public static IRuleBuilderOptions<T, string?> KenyanPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => Phones.TryNormalize(p, out _))
            .WithMessage("{PropertyName} is not a valid phone number. " + Phones.FormatHelp)
            .WithErrorCode("invalid_phone");

    /// <summary>Whole shillings within M-Pesa's limits, with the reason when not.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> Amount<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((value, context) =>
        {
            if (!Amounts.TryParse(value, out _, out var error))
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, $"{context.DisplayName} {error}")
                {
                    ErrorCode = "invalid_amount",
                });
            }
        });

    /// <summary>
    /// An absolute http(s) URL with a host and nothing a browser or a careless template could misread
    /// (spaces, quotes, angle brackets, control characters).
    /// </summary>
    public static bool IsHttpUrl(string? value) =>
        value is not null
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '`' or '\\')
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The first failure per field, keyed by the API's field name.</summary>
    public static ServiceError ToServiceError(this ValidationResult result)
    {
        var fields = new Dictionary<string, string>();
        foreach (var failure in result.Errors)
        {
            fields.TryAdd(failure.PropertyName, failure.ErrorMessage);
        }

        var first = result.Errors[0];
        return new ServiceError(ErrorKind.Invalid, first.ErrorCode is { Length: > 0 } code && !code.EndsWith("Validator", StringComparison.Ordinal)
            ? code : "invalid_" + first.PropertyName, first.ErrorMessage, fields);
    }
}
