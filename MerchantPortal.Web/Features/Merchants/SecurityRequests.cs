using FluentValidation;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary><c>Code</c> is the token from the reset email, as the link carries it.</summary>
public sealed record ResetPasswordRequest(string? Email, string? Code, string? Password, string? ConfirmPassword);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

public sealed record TwoFactorStatus(bool Enabled, bool HasAuthenticator, int RecoveryCodesLeft, bool MachineRemembered);

/// <summary>What the authenticator app needs: the key to type, or the otpauth URI its camera reads.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

internal static class PasswordRules
{
    /// <summary>The registration rule, for any new password.</summary>
    public static void NewPassword<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithErrorCode("invalid_password").WithMessage("Enter a new password.")
        .MinimumLength(RegisterRequestValidator.MinPasswordLength).WithErrorCode("invalid_password")
        .WithMessage($"The password must be at least {RegisterRequestValidator.MinPasswordLength} characters.")
        .MaximumLength(128).WithErrorCode("invalid_password").WithMessage("The password must be at most 128 characters.");
}

public sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithErrorCode("invalid_email").WithMessage("Enter your email address.");
        RuleFor(r => r.Code).NotEmpty().WithErrorCode("invalid_token").WithMessage("This reset link is incomplete: open the link from the email again.");
        RuleFor(r => r.Password).NewPassword();
        RuleFor(r => r.ConfirmPassword).Equal(r => r.Password).WithErrorCode("password_mismatch")
            .WithMessage("The two passwords do not match.");
    }
}

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithErrorCode("invalid_password").WithMessage("Enter your current password.");
        RuleFor(r => r.NewPassword).NewPassword();
        RuleFor(r => r.ConfirmPassword).Equal(r => r.NewPassword).WithErrorCode("password_mismatch")
            .WithMessage("The two passwords do not match.");
    }
}
