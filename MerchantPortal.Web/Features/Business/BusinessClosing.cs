using FluentValidation;

namespace MerchantPortal.Web.Features.Business;

/// <summary>An owner closes the business: its name typed again, and their own password.</summary>
public sealed record CloseBusinessRequest(string? Name, string? Password);

public sealed class CloseBusinessRequestValidator : AbstractValidator<CloseBusinessRequest>
{
    public CloseBusinessRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithErrorCode("invalid_name").WithMessage("Type the business's name to confirm.");
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("invalid_password").WithMessage("Enter your password.");
    }
}
