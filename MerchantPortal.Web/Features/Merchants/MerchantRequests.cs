using FluentValidation;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary><c>BusinessName</c> is optional: until it is set, customers see the username.</summary>
public sealed record RegisterRequest(string? Username, string? Email, string? Password, string? Phone, string? BusinessName = null);

/// <summary><c>User</c> is a username or an email address; <c>RememberMe</c> keeps the session past the browser.</summary>
public sealed record LoginRequest(string? User, string? Password, bool RememberMe = false);

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public const int MinPasswordLength = 6;

    public RegisterRequestValidator()
    {
        RuleFor(r => r.Username)
            .NotEmpty().WithErrorCode("invalid_username").WithMessage("username is required.")
            .Matches("^[A-Za-z0-9_.-]{3,32}$").WithErrorCode("invalid_username")
            .WithMessage("username must be 3 to 32 letters, digits, '_', '.' or '-'.");
        RuleFor(r => r.Email)
            .NotEmpty().WithErrorCode("invalid_email").WithMessage("email is required.")
            .MaximumLength(254).WithErrorCode("invalid_email").WithMessage("email is too long.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$").WithErrorCode("invalid_email").WithMessage("email is not a valid email address.");
        RuleFor(r => r.Password)
            .NotEmpty().WithErrorCode("invalid_password").WithMessage("password is required.")
            .MinimumLength(MinPasswordLength).WithErrorCode("invalid_password")
            .WithMessage($"password must be at least {MinPasswordLength} characters.")
            .MaximumLength(128).WithErrorCode("invalid_password").WithMessage("password must be at most 128 characters.");
        RuleFor(r => r.Phone).KenyanPhone().When(r => r.Phone is not null);
        RuleFor(r => r.BusinessName).BusinessName().When(r => !string.IsNullOrWhiteSpace(r.BusinessName));
    }
}

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.User).NotEmpty().WithErrorCode("invalid_user").WithMessage("user (username or email) is required.");
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("invalid_password").WithMessage("password is required.");
    }
}
