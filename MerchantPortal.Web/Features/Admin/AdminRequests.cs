using System.Globalization;
using FluentValidation;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>Grant a merchant <c>Days</c> more days of subscription (1 to 3650).</summary>
public sealed record ExtendSubscriptionRequest(string? Days);

public sealed record ChangePlanRequest(string? PlanId);

public sealed record SuspendMerchantRequest(string? Reason);

/// <summary>A plan as the operator edits it: price in whole shillings, period in days.</summary>
public sealed record SavePlanRequest(string? Name, string? Price, string? PeriodDays, bool Active);

/// <summary>An existing user, by email address or username.</summary>
public sealed record PromoteAdminRequest(string? Login);

/// <summary>The <c>create-admin</c> command: <c>Username</c> defaults to the email address's local part.</summary>
public sealed record CreateAdminRequest(string? Email, string? Password, string? Username);

public static class AdminLimits
{
    public const int MaxExtensionDays = 3650;

    public const int MaxPeriodDays = 3650;

    public const int MaxReasonLength = 200;

    public const int MaxPlanNameLength = 60;

    public static bool TryParseDays(string? value, int max, out int days) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days >= 1 && days <= max;
}

public sealed class ExtendSubscriptionRequestValidator : AbstractValidator<ExtendSubscriptionRequest>
{
    public ExtendSubscriptionRequestValidator() =>
        RuleFor(r => r.Days).Must(d => AdminLimits.TryParseDays(d, AdminLimits.MaxExtensionDays, out _))
            .WithErrorCode("invalid_days").WithMessage($"days must be a whole number from 1 to {AdminLimits.MaxExtensionDays}.");
}

public sealed class ChangePlanRequestValidator : AbstractValidator<ChangePlanRequest>
{
    public ChangePlanRequestValidator() =>
        RuleFor(r => r.PlanId).NotEmpty().Matches("^plan_[A-Za-z0-9]{1,40}$")
            .WithErrorCode("invalid_plan_id").WithMessage("Choose a plan.");
}

public sealed class SuspendMerchantRequestValidator : AbstractValidator<SuspendMerchantRequest>
{
    public SuspendMerchantRequestValidator() =>
        RuleFor(r => r.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithErrorCode("invalid_reason")
            .WithMessage("reason is required: the merchant is told it.")
            .MaximumLength(AdminLimits.MaxReasonLength).WithErrorCode("invalid_reason")
            .WithMessage($"reason must be at most {AdminLimits.MaxReasonLength} characters.");
}

public sealed class SavePlanRequestValidator : AbstractValidator<SavePlanRequest>
{
    public SavePlanRequestValidator()
    {
        RuleFor(r => r.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("invalid_name").WithMessage("name is required.")
            .MaximumLength(AdminLimits.MaxPlanNameLength).WithErrorCode("invalid_name")
            .WithMessage($"name must be at most {AdminLimits.MaxPlanNameLength} characters.");
        // A plan is paid by one STK push, so its price obeys M-Pesa's limits like any other amount.
        RuleFor(r => r.Price).NotEmpty().WithErrorCode("invalid_price").WithMessage("price is required.").Amount();
        RuleFor(r => r.PeriodDays).Must(d => AdminLimits.TryParseDays(d, AdminLimits.MaxPeriodDays, out _))
            .WithErrorCode("invalid_period_days").WithMessage($"period_days must be a whole number from 1 to {AdminLimits.MaxPeriodDays}.");
    }
}

public sealed class PromoteAdminRequestValidator : AbstractValidator<PromoteAdminRequest>
{
    public PromoteAdminRequestValidator() =>
        RuleFor(r => r.Login).Must(l => !string.IsNullOrWhiteSpace(l))
            .WithErrorCode("invalid_login").WithMessage("Give the user's email address or username.");
}
