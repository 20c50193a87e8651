namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A person's place in a business: the business is a <see cref="Merchant"/> (its accounts, links, keys, payments and
/// subscription), the person is a sign-in (also a <see cref="Merchant"/> row, the Identity user). The user who
/// registered a business is its owner through such a row too, so every session resolves its role the same way.
/// </summary>
public class BusinessMember
{
    public long Id { get; set; }

    /// <summary>The business (its <c>Merchant.Id</c>).</summary>
    public string MerchantId { get; set; } = "";

    /// <summary>The person (the sign-in's <c>Merchant.Id</c>).</summary>
    public string UserId { get; set; } = "";

    /// <summary>One of <c>MemberRoles</c>: owner, admin, finance, cashier, developer, viewer.</summary>
    public string Role { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An invitation to join a business with a role, sent to one email address. Only the SHA-256 of its token is kept; it is
/// valid for seven days and accepted once.
/// </summary>
public class MemberInvite
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>The invited address, as typed (compared case-insensitively through <see cref="NormalizedEmail"/>).</summary>
    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public string Role { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token in the invitation link.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The person who invited (a sign-in's <c>Merchant.Id</c>).</summary>
    public string InvitedById { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedById { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One entry of a business's audit log: who (a person, or an API key), did what, when and from where. Append-only;
/// shown to the business's owners and admins (the operator's own log is <see cref="AuditEntry"/>).
/// </summary>
public class BusinessAuditEntry
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The person's public id, or the key's prefix for an API-key call.</summary>
    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    /// <summary>A stable verb such as <c>member.invite</c> or <c>api_key.create</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it was done to (a member's public id or email, a key's prefix, a payment id), or empty.</summary>
    public string Target { get; set; } = "";

    /// <summary>A short account of the change (a role, "admin → finance"), or null.</summary>
    public string? Detail { get; set; }

    /// <summary>The client address the request came from.</summary>
    public string? Ip { get; set; }
}
