using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Email;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Members;

/// <summary>
/// The people of a business: the list, invitations, roles and removal. Who may call each method is decided by
/// <see cref="Permission.ManageMembers"/> where the call comes in; the rules about owners are here: only an owner
/// makes, changes or removes an owner, and a business always keeps at least one.
/// </summary>
public sealed class MemberService(
    PortalDbContext db,
    UserManager<Merchant> users,
    IValidator<InviteMemberRequest> inviteValidator,
    IPortalEmailSender email,
    PublicUrls urls,
    BusinessAuditLog audit,
    TimeProvider time,
    ILogger<MemberService> logger)
{
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>Pending invitations a business may have at once: enough for any shop, too few to send mail in bulk.</summary>
    public const int MaxPendingInvites = 50;

    public const string InvitePathPrefix = "/invite/";

    /// <summary>The membership that makes the user who registers a business its owner.</summary>
    public static BusinessMember OwnerOf(Merchant merchant) =>
        new() { MerchantId = merchant.Id, UserId = merchant.Id, Role = MemberRoles.Owner, CreatedAt = merchant.CreatedAt };

    public async Task<MemberList> ListAsync(SignedInMerchant me, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var members = await (from m in db.BusinessMembers.AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             where m.MerchantId == me.Id
                             orderby m.CreatedAt, m.Id
                             select new { u.PublicId, u.UserName, u.Email, m.Role, m.CreatedAt }).ToListAsync(cancellationToken);
        var shownSince = now - InviteLifetime;
        var invites = await db.MemberInvites.AsNoTracking()
            .Where(i => i.MerchantId == me.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > shownSince)
            .OrderByDescending(i => i.Id).Take(MaxPendingInvites).ToListAsync(cancellationToken);
        return new MemberList(
            [.. members.Select(m => new MemberDto(m.PublicId, m.UserName!, m.Email, m.Role, m.CreatedAt.ToUnixTimeSeconds()))],
            [.. invites.Select(i => ToDto(i, now))]);
    }

    /// <summary>The person signed in, as a member of the business they act for (<c>me.member</c>).</summary>
    public async Task<MemberDto?> PersonAsync(SignedInMerchant me, CancellationToken cancellationToken)
    {
        var found = await (from m in db.BusinessMembers.AsNoTracking()
                           join u in db.Users on m.UserId equals u.Id
                           where m.MerchantId == me.Id && m.UserId == me.PersonId
                           select new Target(m, u.PublicId, u.UserName!, u.Email)).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : ToDto(found);
    }

    public async Task<Result<InviteCreated>> InviteAsync(SignedInMerchant me, InviteMemberRequest request, CancellationToken cancellationToken)
    {
        var validation = await inviteValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        if (request.Role == MemberRoles.Owner && me.Role != MemberRoles.Owner)
        {
            return OwnersOnly();
        }

        var address = request.Email!.Trim();
        var normalized = users.NormalizeEmail(address);
        var alreadyMember = await (from m in db.BusinessMembers
                                   join u in db.Users on m.UserId equals u.Id
                                   where m.MerchantId == me.Id && u.NormalizedEmail == normalized
                                   select m.Id).AnyAsync(cancellationToken);
        if (alreadyMember)
        {
            return ServiceError.Conflict("already_member", $"{address} is already a member of this business.");
        }

        var now = time.GetUtcNow();
        var pending = await db.MemberInvites.CountAsync(
            i => i.MerchantId == me.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
        if (pending >= MaxPendingInvites)
        {
            return ServiceError.Conflict("too_many_invites",
                $"This business has {MaxPendingInvites} invitations waiting: withdraw some, or wait for them to be accepted.");
        }

        // A new invitation to the same address replaces the one before: only the newest link works.
        await db.MemberInvites
            .Where(i => i.MerchantId == me.Id && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);

        var token = "inv_" + Ids.Random(40);
        var invite = new MemberInvite
        {
            MerchantId = me.Id,
            Email = address,
            NormalizedEmail = normalized,
            Role = request.Role!,
            TokenHash = Ids.Sha256Hex(token),
            InvitedById = me.PersonId ?? "",
            CreatedAt = now,
            ExpiresAt = now + InviteLifetime,
        };
        db.MemberInvites.Add(invite);
        await audit.RecordAsync(me, BusinessAuditActions.MemberInvite, address, request.Role, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var url = urls.EmailLink(InvitePathPrefix + token);
        await SendInviteAsync(me, address, request.Role!, url, cancellationToken);
        return new InviteCreated(url, ToDto(invite, now));
    }

    public async Task<Result<bool>> WithdrawInviteAsync(SignedInMerchant me, long inviteId, CancellationToken cancellationToken)
    {
        var invite = await db.MemberInvites.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == inviteId && i.MerchantId == me.Id && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (invite is null)
        {
            return ServiceError.NotFound("invite_not_found", "No such invitation is waiting.");
        }

        await db.MemberInvites.Where(i => i.Id == invite.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, time.GetUtcNow()), cancellationToken);
        await audit.RecordAsync(me, BusinessAuditActions.MemberInviteWithdraw, invite.Email, invite.Role, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Result<MemberDto>> ChangeRoleAsync(SignedInMerchant me, string? memberId, string? role, CancellationToken cancellationToken)
    {
        if (!MemberRoles.IsRole(role))
        {
            return ServiceError.Invalid("invalid_role", "role must be one of " + string.Join(", ", MemberRoles.All) + ".", "role");
        }

        if (string.IsNullOrWhiteSpace(memberId))
        {
            return MemberIdRequired();
        }

        var target = await FindAsync(me, memberId, cancellationToken);
        if (target is null)
        {
            return NoSuchMember();
        }

        if ((target.Member.Role == MemberRoles.Owner || role == MemberRoles.Owner) && me.Role != MemberRoles.Owner)
        {
            return OwnersOnly();
        }

        var before = target.Member.Role;
        if (before == role)
        {
            return ToDto(target);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockBusinessAsync(me.Id, cancellationToken);
        var changed = await db.BusinessMembers.Where(m => m.Id == target.Member.Id && m.Role == before)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), cancellationToken);
        if (changed == 0 || (before == MemberRoles.Owner && !await HasOwnerAsync(me.Id, cancellationToken)))
        {
            // Another change came first, or this would leave the business without an owner.
            return changed == 0 ? ChangedMeanwhile() : LastOwner();
        }

        await audit.RecordAsync(me, BusinessAuditActions.MemberRoleChange, target.PublicId, $"{before} → {role}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(target) with { Role = role! };
    }

    public async Task<Result<bool>> RemoveAsync(SignedInMerchant me, string? memberId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(memberId))
        {
            return MemberIdRequired();
        }

        var target = await FindAsync(me, memberId, cancellationToken);
        if (target is null)
        {
            return NoSuchMember();
        }

        if (target.Member.Role == MemberRoles.Owner && me.Role != MemberRoles.Owner)
        {
            return OwnersOnly();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockBusinessAsync(me.Id, cancellationToken);
        var removed = await db.BusinessMembers.Where(m => m.Id == target.Member.Id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return NoSuchMember();
        }

        if (target.Member.Role == MemberRoles.Owner && !await HasOwnerAsync(me.Id, cancellationToken))
        {
            return LastOwner();
        }

        // Invitations they sent go with them: none can bring them (or anyone) back in on their word.
        await db.MemberInvites.Where(i => i.MerchantId == me.Id && i.InvitedById == target.Member.UserId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, time.GetUtcNow()), cancellationToken);

        // Their sessions for this business end on their next request (the session resolves its business each time);
        // the stamp makes their other pages sign in again too, so nothing cached in a browser outlives the removal.
        await db.Users.Where(u => u.Id == target.Member.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        await audit.RecordAsync(me, BusinessAuditActions.MemberRemove, target.PublicId, $"{target.Username} ({target.Member.Role})", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Member {MemberId} removed from {MerchantId}", target.PublicId, me.PublicId);
        return true;
    }

    public async Task<bool> TwoFactorRequiredAsync(SignedInMerchant me, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == me.Id).Select(u => u.MembersNeedTwoFactor).SingleAsync(cancellationToken);

    /// <summary>
    /// An owner requires (or stops requiring) a second factor of every member. Members without one keep their session
    /// but can only set one up until they have; the owner turning it on must have one already, so it never locks them out.
    /// </summary>
    public async Task<Result<bool>> RequireTwoFactorAsync(SignedInMerchant me, bool required, CancellationToken cancellationToken)
    {
        if (me.Role != MemberRoles.Owner)
        {
            return new ServiceError(ErrorKind.Forbidden, "role_forbidden", "Only an owner can change the two-factor requirement.");
        }

        if (required && !await db.Users.AnyAsync(u => u.Id == me.PersonId && u.TwoFactorEnabled, cancellationToken))
        {
            return ServiceError.Conflict("two_factor_not_enabled",
                "Turn on two-factor sign-in for yourself first (Account → Two-factor), then require it of everyone.");
        }

        await db.Users.Where(u => u.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MembersNeedTwoFactor, required), cancellationToken);
        await audit.RecordAsync(me, BusinessAuditActions.TwoFactorRequirement, "", required ? "required" : "optional", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return required;
    }

    /// <summary>
    /// Role changes and removals of one business wait for each other (a no-op update locks its row until the commit), so
    /// two owners demoting each other at the same moment cannot both pass the "one owner stays" check.
    /// </summary>
    private Task LockBusinessAsync(string merchantId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == merchantId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), cancellationToken);

    private async Task<bool> HasOwnerAsync(string merchantId, CancellationToken cancellationToken) =>
        await db.BusinessMembers.AnyAsync(m => m.MerchantId == merchantId && m.Role == MemberRoles.Owner, cancellationToken);

    private async Task<Target?> FindAsync(SignedInMerchant me, string? memberId, CancellationToken cancellationToken)
    {
        var id = memberId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return await (from m in db.BusinessMembers.AsNoTracking()
                      join u in db.Users on m.UserId equals u.Id
                      where m.MerchantId == me.Id && u.PublicId == id
                      select new Target(m, u.PublicId, u.UserName!, u.Email)).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task SendInviteAsync(SignedInMerchant me, string address, string role, string url, CancellationToken cancellationToken)
    {
        var business = await db.Users.AsNoTracking().Where(u => u.Id == me.Id)
            .Select(u => u.BusinessName ?? u.UserName).SingleAsync(cancellationToken);
        try
        {
            await email.SendAsync(new EmailMessage(address, $"You are invited to {business} on MerchantPortal",
                $"You are invited to join {business} on MerchantPortal as {MemberRoles.Title(role)}.\n\n" +
                $"Open this link within 7 days to accept (it works once):\n{url}\n\n" +
                "If you did not expect this, ignore this email."), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The invitation stands: the inviter has its link to share by hand.
            logger.LogWarning(ex, "The invitation email to {Email} could not be sent", EmailAddresses.Mask(address));
        }
    }

    private static MemberDto ToDto(Target t) => new(t.PublicId, t.Username, t.Email, t.Member.Role, t.Member.CreatedAt.ToUnixTimeSeconds());

    private static InviteDto ToDto(MemberInvite i, DateTimeOffset now) =>
        new(i.Id, i.Email, i.Role, i.CreatedAt.ToUnixTimeSeconds(), i.ExpiresAt.ToUnixTimeSeconds(), i.ExpiresAt <= now);

    private static ServiceError MemberIdRequired() =>
        ServiceError.Invalid("invalid_member_id", "member_id is required: the member's id from members.", "member_id");

    private static ServiceError NoSuchMember() => ServiceError.NotFound("member_not_found", "No member of this business has that id.");

    private static ServiceError OwnersOnly() =>
        new(ErrorKind.Forbidden, "role_forbidden", "Only an owner can make, change or remove an owner.");

    private static ServiceError LastOwner() =>
        ServiceError.Conflict("last_owner", "A business keeps at least one owner: make someone else owner first.");

    private static ServiceError ChangedMeanwhile() =>
        ServiceError.Conflict("member_changed", "This member's role was changed meanwhile: reload and try again.");

    private sealed record Target(BusinessMember Member, string PublicId, string Username, string? Email);
}
