using FluentValidation;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>Reverse a paid payment (its whole amount), saying why.</summary>
public sealed record RequestReversalRequest(string? TransactionId, string? Reason);

public sealed class RequestReversalRequestValidator : AbstractValidator<RequestReversalRequest>
{
    public const int MaxReason = 100;

    public RequestReversalRequestValidator()
    {
        RuleFor(r => r.TransactionId).NotEmpty().WithErrorCode("invalid_transaction_id").WithMessage("Say which payment (txn_…).");
        RuleFor(r => r.Reason)
            .NotEmpty().WithErrorCode("invalid_reason").WithMessage("Say why the payment is reversed (M-Pesa keeps it with the reversal).")
            .Must(r => r is null || r.Trim().Length is >= 3 and <= MaxReason).WithErrorCode("invalid_reason")
            .WithMessage($"The reason is 3 to {MaxReason} characters.");
    }
}
