using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// The Identity user. A row is a business (the tenant: its public id, accounts, links, keys, payments and subscription)
/// whose registering user signs in with it, or, when <see cref="MemberOnly"/>, only a sign-in made by accepting an
/// invitation. Who may act for which business is in <see cref="BusinessMember"/>.
/// </summary>
public class Merchant : IdentityUser
{
    public const int BusinessNameMaxLength = 80;

    /// <summary>The public id shown in the API and in pay-page URLs (<c>u_…</c>).</summary>
    public string PublicId { get; set; } = "";

    /// <summary>Normalised MSISDN (<c>2547XXXXXXXX</c>), or null.</summary>
    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name customers see; null until the merchant sets one (the username is shown meanwhile).</summary>
    public string? BusinessName { get; set; }

    /// <summary>Where customers call for help: a normalised MSISDN, or null.</summary>
    public string? SupportPhone { get; set; }

    public string? SupportEmail { get; set; }

    /// <summary>
    /// The stored base of the subscription: <c>trial</c> or <c>active</c>. What a merchant is now (past_due,
    /// expired, suspended) follows from it, the end date, the suspension and the clock: see SubscriptionRules.
    /// </summary>
    public string SubscriptionStatus { get; set; } = SubscriptionStatuses.Trial;

    public DateTimeOffset SubscriptionExpiresAt { get; set; }

    /// <summary>The plan the merchant is on (and renews by default); null means the default plan.</summary>
    public long? PlanId { get; set; }

    /// <summary>Set by an administrator: sign-in, API keys and pay pages are refused while it is set.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspendedReason { get; set; }

    /// <summary>
    /// Set when its owner closed the business: it is then also suspended (nothing is taken or sent for it, its members
    /// lose it), but its owner's sign-in still works for any other business they belong to. The operator's reactivation
    /// reopens it.
    /// </summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Suspended by the operator (not closed by its owner): this sign-in is refused.</summary>
    public bool SignInSuspended => SuspendedAt is not null && ClosedAt is null;

    /// <summary>The operator's own tenant, which receives subscription payments; it can never sign in.</summary>
    public bool IsPlatform { get; set; }

    /// <summary>
    /// A sign-in made by accepting an invitation: it has no business of its own (no subscription, no pay page) and is
    /// left out of everything that counts businesses.
    /// </summary>
    public bool MemberOnly { get; set; }

    /// <summary>The business this sign-in last switched to (a <c>Merchant.Id</c>), or null for its own.</summary>
    public string? CurrentBusinessId { get; set; }

    /// <summary>Set by an owner: every member of this business must sign in with a second factor.</summary>
    public bool MembersNeedTwoFactor { get; set; }

    /// <summary>Set by an owner: a reversal of more than this (KES) needs a second owner's or admin's approval; 0, every one.</summary>
    public long ReversalApprovalAbove { get; set; }
}

public static class SubscriptionStatuses
{
    public const string Trial = "trial";
    public const string Active = "active";
    public const string PastDue = "past_due";
    public const string Expired = "expired";
    public const string Suspended = "suspended";

    public static readonly string[] All = [Trial, Active, PastDue, Expired, Suspended];
}
