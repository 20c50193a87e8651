using FluentValidation;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>
/// An account's own Daraja app. Key, secret and passkey come together or not at all; all three blank keeps the
/// saved ones (so a store number can change without typing the secrets again).
/// </summary>
public sealed record SaveAccountCredentialsRequest(string? ConsumerKey, string? ConsumerSecret, string? Passkey, string? StoreNumber)
{
    public bool HasAnySecret => !string.IsNullOrWhiteSpace(ConsumerKey) || !string.IsNullOrWhiteSpace(ConsumerSecret)
        || !string.IsNullOrWhiteSpace(Passkey);
}

/// <summary>What the dashboard may show of an account's credentials: never the secret or the passkey.</summary>
public sealed record AccountCredentialsDto(
    string PaymentId,
    string Type,
    string Number,
    bool HasOwnCredentials,
    string? ConsumerKeyStart,
    DateTimeOffset? CredentialsUpdatedAt,
    string? StoreNumber);

public sealed class SaveAccountCredentialsRequestValidator : AbstractValidator<SaveAccountCredentialsRequest>
{
    // Daraja's keys and secrets are tens of printable characters; 100 bounds what we encrypt and store.
    private const string Credential = @"^\s*[\x21-\x7E]{4,100}\s*$";

    public SaveAccountCredentialsRequestValidator()
    {
        When(r => r.HasAnySecret, () =>
        {
            RuleFor(r => r.ConsumerKey).NotEmpty().WithErrorCode("invalid_credentials")
                .WithMessage("Enter the consumer key too: key, secret and passkey go together.")
                .Matches(Credential).WithErrorCode("invalid_credentials")
                .WithMessage("The consumer key must be 4 to 100 characters without spaces.");
            RuleFor(r => r.ConsumerSecret).NotEmpty().WithErrorCode("invalid_credentials")
                .WithMessage("Enter the consumer secret too: key, secret and passkey go together.")
                .Matches(Credential).WithErrorCode("invalid_credentials")
                .WithMessage("The consumer secret must be 4 to 100 characters without spaces.");
            RuleFor(r => r.Passkey).NotEmpty().WithErrorCode("invalid_credentials")
                .WithMessage("Enter the passkey too: key, secret and passkey go together.")
                .Matches(Credential).WithErrorCode("invalid_credentials")
                .WithMessage("The passkey must be 4 to 100 characters without spaces.");
        });
        RuleFor(r => r.StoreNumber)
            .Matches(@"^\s*([0-9]{5,7}\s*)?$") // blank allowed in the pattern, not a When(...): checked in the browser too
            .WithErrorCode("invalid_store_number").WithMessage("The store number must be 5 to 7 digits.");
    }
}
