using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>What a customer is charged through a link.</summary>
public static class LinkAmounts
{
    /// <summary>A fixed-amount link charges its amount; a flexible one takes the customer's within min/max.</summary>
    public static Result<long> Charge(PaymentLink link, string? requested)
    {
        long? given = Amounts.TryParse(requested, out var parsed, out _) ? parsed : null;
        if (link.Amount is { } fixedAmount)
        {
            return given is null || given == fixedAmount
                ? fixedAmount
                : ServiceError.Invalid("invalid_amount", $"amount must be {Amounts.Format(fixedAmount)} for this link.", "amount");
        }

        if (given is null)
        {
            return ServiceError.Invalid("invalid_amount", "amount is required for this link.", "amount");
        }

        if (link.MinAmount is { } min && given < min)
        {
            return ServiceError.Invalid("invalid_amount", $"amount must be at least {Amounts.Format(min)} for this link.", "amount");
        }

        if (link.MaxAmount is { } max && given > max)
        {
            return ServiceError.Invalid("invalid_amount", $"amount must be at most {Amounts.Format(max)} for this link.", "amount");
        }

        return given.Value;
    }

    /// <summary>"KES 450", "KES 10 – KES 5,000", "Any amount".</summary>
    public static string Describe(PaymentLinkDto link) => link switch
    {
        { Amount: { } fixedAmount } => Amounts.Format(fixedAmount),
        { Min: { } min, Max: { } max } => $"{Amounts.Format(min)} – {Amounts.Format(max)}",
        { Min: { } min } => $"From {Amounts.Format(min)}",
        { Max: { } max } => $"Up to {Amounts.Format(max)}",
        _ => "Any amount",
    };
}
