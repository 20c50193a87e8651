using System.Text.Json.Serialization;
using FluentValidation;
using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>
/// With <c>PaymentId</c> it updates that account, changing only the fields given; otherwise the account with the
/// same type and number is updated, else one is added (type and number then required). <c>WholeForm</c>: every
/// field was sent (the edit page), so type and number are required on an update too.
/// </summary>
public sealed record SavePaymentAccountRequest(string? Type, string? Number, string? AccountReference, string? PaymentId, bool WholeForm = false);

public sealed record PaymentAccountDto(
    string Type,
    string Number,
    [property: JsonPropertyName("accountReference")] string? AccountReference,
    string PaymentId,
    bool IsPrimary,
    long CreatedAt);

/// <param name="Registration">How registering its C2B URLs went, when the save asked for it (a new shortcode).</param>
public sealed record SavedPaymentAccount(PaymentAccountDto Account, bool Created, C2B.C2BRegistration? Registration = null);

public sealed class SavePaymentAccountRequestValidator : AbstractValidator<SavePaymentAccountRequest>
{
    public SavePaymentAccountRequestValidator()
    {
        // With a payment_id an absent field keeps its value (a script may send only what changes), unless the request
        // is a whole form: then a blank field is a blank the person left, not "keep". When(...) is attached to each
        // rule on its own: FluentValidation applies a When to every rule before it in the chain.
        RuleFor(r => r.Type)
            .NotEmpty().WithErrorCode("invalid_type").WithMessage("type is required: \"paybill\" or \"till\".")
            .When(r => r.PaymentId is null || r.WholeForm);
        RuleFor(r => r.Type)
            .Must(t => t!.Trim().ToLowerInvariant() is PaymentAccountTypes.Paybill or PaymentAccountTypes.Till)
            .When(r => !string.IsNullOrWhiteSpace(r.Type))
            .WithErrorCode("invalid_type").WithMessage("type must be \"paybill\" or \"till\".");
        RuleFor(r => r.Number)
            .NotEmpty().WithErrorCode("invalid_number").WithMessage("number is required: the paybill or till number.")
            .When(r => r.PaymentId is null || r.WholeForm);
        // Blank passes here (the rule above decides whether it may be blank), in the pattern rather than in a
        // When(...): a rule without a condition is also checked in the browser (FluentValidation's client adapters).
        RuleFor(r => r.Number)
            .Matches(@"^\s*([0-9]{5,7}\s*)?$")
            .WithErrorCode("invalid_number").WithMessage("number must be a paybill or till number of 5 to 7 digits.");
        // Daraja shows AccountReference in the customer's prompt and takes at most 12 characters.
        RuleFor(r => r.AccountReference)
            .Matches("^[A-Za-z0-9 ._#-]{1,12}$")
            .WithErrorCode("invalid_account_reference")
            .WithMessage("accountReference must be at most 12 letters, digits, spaces or . _ # -.");
        RuleFor(r => r.PaymentId)
            .Matches(@"^#?[0-9]{1,5}$").When(r => r.PaymentId is not null)
            .WithErrorCode("invalid_payment_id").WithMessage("payment_id must look like #00001.");
    }
}
