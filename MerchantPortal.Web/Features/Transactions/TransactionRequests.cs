using FluentValidation;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Webhooks;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// <c>api_stk</c>: charge a phone into the merchant's account (<c>PaymentId</c>, else the primary one); the final
/// event also goes to <c>CallbackUrl</c> when given. Its <c>ToString</c> is the idempotency fingerprint, so every
/// field counts.
/// </summary>
public sealed record StkPushRequest(string? Phone, string? Amount, string? PaymentId, string? Reference, string? Description, string? CallbackUrl);

/// <summary><c>pay_from_link</c>: a customer pays through a merchant's public link.</summary>
public sealed record PayFromLinkRequest(string? Uid, string? Lid, string? Phone, string? Amount);

/// <summary>
/// What to list: every field optional; dates are Nairobi calendar days (yyyy-MM-dd), inclusive. Reference and
/// description match any part of the text, ignoring case (the pages' filters; the API's list does not take them).
/// <c>Channel</c> is <c>stk</c> or <c>c2b</c>; <c>Unmatched</c> keeps the menu payments attributed to no link.
/// </summary>
public sealed record TransactionFilter(
    string? Status = null,
    string? From = null,
    string? To = null,
    string? PaymentId = null,
    string? LinkId = null,
    string? Phone = null,
    string? Search = null,
    string? Reference = null,
    string? Description = null,
    string? Channel = null,
    bool Unmatched = false);

public sealed record ListTransactionsRequest(TransactionFilter Filter, string? Cursor, string? Limit);

public sealed record PushStarted(string TransactionId, string? CheckoutRequestId, string Status, string? CustomerMessage, string StatusToken);

public sealed record TransactionPage(IReadOnlyList<TransactionDto> Transactions, string? NextCursor);

/// <summary>A transaction wherever the API shows one.</summary>
public sealed record TransactionDto(
    string Id,
    string Status,
    long Amount,
    string Phone,
    string PaymentId,
    string? LinkId,
    string? Receipt,
    string? ResultCode,
    string? ResultDesc,
    string Reason,
    string? CheckoutRequestId,
    long CreatedAt,
    long? CompletedAt,
    string? CallbackUrl,
    string Channel,
    string? BillRef,
    string? PayerName,
    bool Livemode)
{
    /// <summary>The payment's reversal, when one was asked for (the latest); null otherwise.</summary>
    public ReversalDto? Reversal { get; init; }
}

/// <summary>
/// A reversal as a transaction shows it. <c>status</c>: pending (awaiting approval or M-Pesa's result), succeeded,
/// failed; <c>requested_by</c>/<c>approved_by</c> are usernames; <c>awaiting_approval</c> says which kind of pending.
/// </summary>
public sealed record ReversalDto(
    string Id,
    string Status,
    bool AwaitingApproval,
    string RequestedBy,
    string? ApprovedBy,
    string Reason,
    string? ResultCode,
    string? ResultDesc,
    long RequestedAt,
    long? CompletedAt);

public sealed class StkPushRequestValidator : AbstractValidator<StkPushRequest>
{
    public StkPushRequestValidator(WebhookTargetGuard guard)
    {
        RuleFor(r => r.Phone).NotEmpty().WithErrorCode("invalid_phone").WithMessage("phone is required. " + Phones.FormatHelp)
            .KenyanPhone();
        RuleFor(r => r.Amount).Amount();
        RuleFor(r => r.PaymentId)
            .Matches(@"^#?[0-9]{1,5}$").When(r => r.PaymentId is not null)
            .WithErrorCode("invalid_payment_id").WithMessage("payment_id must look like #00001.");
        RuleFor(r => r.Reference)
            .Matches("^[A-Za-z0-9 ._#-]{1,12}$").When(r => r.Reference is not null)
            .WithErrorCode("invalid_reference").WithMessage("reference must be at most 12 letters, digits, spaces or . _ # -.");
        RuleFor(r => r.Description)
            .MaximumLength(13).When(r => r.Description is not null)
            .WithErrorCode("invalid_description").WithMessage("description must be at most 13 characters (M-Pesa's limit).")
            .OneLine("invalid_description", "description");
        RuleFor(r => r.CallbackUrl).WebhookTarget(guard, "invalid_callback_url").When(r => r.CallbackUrl is not null);
    }
}

public sealed class PayFromLinkRequestValidator : AbstractValidator<PayFromLinkRequest>
{
    public PayFromLinkRequestValidator()
    {
        RuleFor(r => r.Uid).NotEmpty().WithErrorCode("invalid_uid").WithMessage("uid is required (from the payment link URL).");
        RuleFor(r => r.Lid).NotEmpty().WithErrorCode("invalid_lid").WithMessage("lid is required (from the payment link URL).");
        RuleFor(r => r.Phone).NotEmpty().WithErrorCode("invalid_phone").WithMessage("phone is required. " + Phones.FormatHelp)
            .KenyanPhone();
        RuleFor(r => r.Amount).Amount().When(r => r.Amount is not null);
    }
}
