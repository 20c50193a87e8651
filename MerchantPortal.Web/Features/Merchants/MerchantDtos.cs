using System.Text.Json.Serialization;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// What <c>me</c> shows: the API document's shape, with a few additive fields (<c>business_name</c>: the name
/// customers see, the username until one is set).
/// </summary>
public sealed record ProfileDto(
    string Id,
    string Username,
    string BusinessName,
    string? Email,
    string? Phone,
    long CreatedAt,
    Subscriptions.SubscriptionDto Subscription,
    IReadOnlyList<ApiKeyInfoDto> ApiKeys,
    IReadOnlyList<PaymentAccounts.PaymentAccountDto> PaymentAccounts,
    IReadOnlyList<PaymentLinks.PaymentLinkDto> Links);

/// <summary>
/// A key as <c>me</c> lists it. <c>key</c> is the non-secret prefix followed by an ellipsis: the key itself
/// is shown once, at generation, and is never stored. <c>mode</c>: <c>live</c> or <c>test</c>.
/// </summary>
public sealed record ApiKeyInfoDto(
    string Key,
    string Prefix,
    string Label,
    long CreatedAt,
    long? LastUsedAt,
    string Mode)
{
    [JsonIgnore]
    public long Id { get; init; }
}

/// <summary>
/// Who a request acts for: the business (<see cref="Id"/>, <see cref="PublicId"/>, its owner's username), the role it
/// acts with and, for a session, the person signed in (null for an API key).
/// </summary>
public sealed record SignedInMerchant(string Id, string PublicId, string Username)
{
    public required string Role { get; init; }

    public string? PersonId { get; init; }

    /// <summary>For an API key's call: the member who made the key (null for keys made before members).</summary>
    public string? KeyMakerId { get; init; }

    public bool Allows(Members.Permission permission) => Members.MemberRoles.Allows(Role, permission);
}
