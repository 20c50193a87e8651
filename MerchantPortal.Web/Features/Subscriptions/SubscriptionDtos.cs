using FluentValidation;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary><c>renew_subscription</c>: pay for a plan (the current one when <c>PlanId</c> is absent) from a phone.</summary>
public sealed record RenewRequest(string? PlanId, string? Phone);

public sealed class RenewRequestValidator : AbstractValidator<RenewRequest>
{
    public RenewRequestValidator()
    {
        RuleFor(r => r.Phone).NotEmpty().WithErrorCode("invalid_phone").WithMessage("phone is required. " + Phones.FormatHelp)
            .KenyanPhone();
        RuleFor(r => r.PlanId).Matches("^plan_[A-Za-z0-9]{1,40}$").When(r => r.PlanId is not null)
            .WithErrorCode("invalid_plan_id").WithMessage("plan_id must be a plan's id from the plans action (plan_…).");
    }
}

/// <summary>A plan as <c>plans</c> and the Billing page show it.</summary>
public sealed record PlanDto(string Id, string Name, long Price, int PeriodDays);

/// <summary>The caller's subscription now: what <c>me</c> and <c>subscription</c> show.</summary>
public sealed record SubscriptionDto(
    string Status,
    long ExpiresAt,
    PlanDto? Plan,
    int DaysLeft,
    long GraceEndsAt,
    bool CanTakePayments,
    string? SuspendedReason);

/// <summary>One subscription payment, with its M-Pesa receipt once paid.</summary>
public sealed record SubscriptionPaymentDto(
    string TransactionId,
    string PlanId,
    string PlanName,
    long Amount,
    string Phone,
    string Status,
    string? Receipt,
    string Reason,
    long CreatedAt,
    long? CompletedAt,
    long? PeriodStart,
    long? PeriodEnd);

public sealed record SubscriptionOverview(SubscriptionDto Subscription, IReadOnlyList<SubscriptionPaymentDto> History);

/// <summary>
/// The Billing page: the subscription, the plans it can be paid for, the merchant's phone to prefill, the history,
/// and the renewal the page is following (null when none is, or the token is not this merchant's).
/// </summary>
public sealed record BillingView(
    SubscriptionDto Subscription,
    IReadOnlyList<PlanDto> Plans,
    IReadOnlyList<SubscriptionPaymentDto> History,
    string? Phone,
    SubscriptionPaymentDto? Followed);
