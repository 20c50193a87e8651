using FluentValidation;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// Amounts arrive as text from forms and JSON alike; the validator says why one is refused. A blank
/// <c>AccountCode</c> lets the portal choose one (or keeps the link's own on an edit); a blank <c>CollectTotal</c> is a
/// plain link.
/// </summary>
public sealed record CreateLinkRequest(
    string? Title, string? Amount, string? Min, string? Max, string? Logo, string? PaymentId, string? AccountCode = null, string? CollectTotal = null);

public sealed record PaymentLinkDto(
    string Id,
    string Title,
    long? Amount,
    long? Min,
    long? Max,
    string? Logo,
    string? PaymentId,
    bool Active,
    string PublicUrl,
    long CreatedAt,
    string AccountCode,
    long? CollectTotal);

public sealed record CreatedLink(PaymentLinkDto Link, string PublicUrl);

/// <summary>
/// What the public pay page needs; nothing private of the merchant. <c>MerchantCanTakePayments</c> is false while
/// the merchant is expired or suspended: the page then says so instead of offering the form.
/// </summary>
public sealed record PublicLinkView(
    string MerchantPublicId,
    string MerchantName,
    string LinkId,
    string Title,
    long? Amount,
    long? Min,
    long? Max,
    string? Logo,
    bool Active,
    bool MerchantCanTakePayments);

public sealed class CreateLinkRequestValidator : AbstractValidator<CreateLinkRequest>
{
    public CreateLinkRequestValidator()
    {
        RuleFor(r => r.Title)
            .NotEmpty().WithErrorCode("invalid_title").WithMessage("title is required.")
            .MaximumLength(120).WithErrorCode("invalid_title").WithMessage("title must be at most 120 characters.")
            .OneLine("invalid_title", "title");
        RuleFor(r => r.Amount).Amount().When(r => r.Amount is not null);
        RuleFor(r => r.Min).Amount().When(r => r.Min is not null);
        RuleFor(r => r.Max).Amount().When(r => r.Max is not null);
        RuleFor(r => r.Logo)
            .Must(ValidationExtensions.IsHttpUrl).When(r => r.Logo is not null)
            .WithErrorCode("invalid_logo").WithMessage("logo must be an http:// or https:// URL.")
            .MaximumLength(500).WithErrorCode("invalid_logo").WithMessage("logo must be at most 500 characters.");
        RuleFor(r => r.PaymentId)
            .Matches(@"^#?[0-9]{1,5}$").When(r => r.PaymentId is not null)
            .WithErrorCode("invalid_payment_id").WithMessage("payment_id must look like #00001.");
        RuleFor(r => r.AccountCode)
            .Must(c => LinkAccountCodes.IsValid(LinkAccountCodes.Normalise(c))).When(r => LinkAccountCodes.Normalise(r.AccountCode) is not null)
            .WithErrorCode("invalid_account_code")
            .WithMessage("account_code must be 2 to 12 letters or digits, such as TEA50.");
        RuleFor(r => r.CollectTotal)
            .Must(t => LinkTotals.TryParse(t, out _)).When(r => !string.IsNullOrWhiteSpace(r.CollectTotal))
            .WithErrorCode("invalid_collect_total")
            .WithMessage(LinkTotals.Refusal);
        RuleFor(r => r).Custom((r, context) =>
        {
            var min = Parse(r.Min);
            var max = Parse(r.Max);
            var amount = Parse(r.Amount);
            if (min is not null && max is not null && min > max)
            {
                context.AddFailure(Failure("min", "min must not be greater than max."));
            }
            else if (amount is not null && min is not null && amount < min)
            {
                context.AddFailure(Failure("amount", "amount must not be below min."));
            }
            else if (amount is not null && max is not null && amount > max)
            {
                context.AddFailure(Failure("amount", "amount must not be above max."));
            }
        });
    }

    private static long? Parse(string? value) => Amounts.TryParse(value, out var amount, out _) ? amount : null;

    private static FluentValidation.Results.ValidationFailure Failure(string field, string message) =>
        new(field, message) { ErrorCode = "invalid_" + field };
}

/// <summary>The live link at a public address and the columns of its merchant the page may show.</summary>
public sealed class PublicLinkRow
{
    public required PaymentLink Link { get; init; }

    public required string MerchantPublicId { get; init; }

    public required string UserName { get; init; }

    public string? BusinessName { get; init; }

    public required string SubscriptionStatus { get; init; }

    public DateTimeOffset SubscriptionExpiresAt { get; init; }

    public DateTimeOffset? SuspendedAt { get; init; }
}

/// <summary>
/// A link's public page in one round trip (<see cref="PaymentLinkService.PublicPageAsync"/>): the link and its
/// merchant, the merchant's uploaded logo, and the account a push from the link would use (none while the merchant
/// has no payment account).
/// </summary>
public sealed class PublicPageRow
{
    public required PublicLinkRow Public { get; init; }

    public string? LogoSha { get; init; }

    public string? AccountType { get; init; }

    public string? AccountNumber { get; init; }
}
