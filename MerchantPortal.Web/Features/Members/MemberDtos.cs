namespace MerchantPortal.Web.Features.Members;

/// <summary>
/// A person of the business as <c>members</c> lists them and <c>me.member</c> shows the one signed in: <c>id</c> is the
/// person's public id, <c>role</c> in lower case.
/// </summary>
public sealed record MemberDto(string Id, string Username, string? Email, string Role, long JoinedAt);

/// <summary>An invitation not yet accepted (nor withdrawn): <c>id</c> is its number, to withdraw it.</summary>
public sealed record InviteDto(long Id, string Email, string Role, long CreatedAt, long ExpiresAt, bool Expired);

public sealed record MemberList(IReadOnlyList<MemberDto> Members, IReadOnlyList<InviteDto> Invites);

/// <summary>A new invitation: its link (the only time the token is seen) and what it grants.</summary>
public sealed record InviteCreated(string InviteUrl, InviteDto Invite);

/// <summary>What an invitation link offers, shown before it is accepted.</summary>
public sealed record InviteView(string BusinessName, string Email, string Role, bool EmailHasSignIn);
