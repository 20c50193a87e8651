using FluentValidation;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Business;

/// <summary>
/// Each field: null keeps the stored value (a script may send only what changes), blank clears it (the username is
/// then the business name), anything else sets it. The Settings page sends every field, so a blank there clears.
/// </summary>
public sealed record SaveProfileRequest(string? BusinessName, string? SupportPhone, string? SupportEmail);

/// <summary>What <c>save_profile</c> answers and the Settings page shows.</summary>
/// <param name="BusinessName">The name customers see: the one set, else the username.</param>
/// <param name="BusinessNameSet">Whether the merchant has set a business name.</param>
/// <param name="SupportPhone">In the local form (0712345678), or null.</param>
/// <param name="LogoUrl">The uploaded logo's address (changes with the logo), or null.</param>
public sealed record BusinessProfileDto(
    string BusinessName,
    bool BusinessNameSet,
    string? SupportPhone,
    string? SupportEmail,
    string? LogoUrl);

public sealed class SaveProfileRequestValidator : AbstractValidator<SaveProfileRequest>
{
    public SaveProfileRequestValidator()
    {
        RuleFor(r => r.BusinessName).BusinessName().When(r => !string.IsNullOrWhiteSpace(r.BusinessName));
        RuleFor(r => r.SupportPhone).KenyanPhone().WithErrorCode("invalid_support_phone")
            .When(r => !string.IsNullOrWhiteSpace(r.SupportPhone));
        RuleFor(r => r.SupportEmail)
            .Must(e => e!.Trim().Length <= 254).WithErrorCode("invalid_support_email").WithMessage("support_email is too long.")
            .When(r => !string.IsNullOrWhiteSpace(r.SupportEmail));
        // Blank passes in the pattern rather than through a When(...), so the browser checks it too.
        RuleFor(r => r.SupportEmail)
            .Matches(@"^\s*([^@\s]+@[^@\s]+\.[^@\s.]{2,}\s*)?$").WithErrorCode("invalid_support_email")
            .WithMessage("support_email is not a valid email address, such as help@example.com.");
    }
}

public static class BusinessNameRules
{
    public const int MinLength = 2;

    /// <summary>
    /// The business name customers read: plain text (the input filters refuse control characters), trimmed, and no
    /// bidirectional controls, which could make a name read as another business's on the pay page.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> BusinessName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n!.Trim().Length is >= MinLength and <= Merchant.BusinessNameMaxLength)
            .WithErrorCode("invalid_business_name")
            .WithMessage($"business_name must be {MinLength} to {Merchant.BusinessNameMaxLength} characters, or blank to use your username.")
            .OneLine("invalid_business_name", "business_name");
}
