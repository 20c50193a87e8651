using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Email;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Members;

/// <summary>
/// The invited person's side: what a link offers, accepting it (signed in, or by making a sign-in), and switching
/// between the businesses one belongs to. An invitation is for one address, valid seven days and used once: the
/// claim on it is one conditional update, so two accepts at the same moment cannot both join.
/// </summary>
public sealed class InvitationService(
    PortalDbContext db,
    UserManager<Merchant> users,
    SignInManager<Merchant> signIn,
    MembershipResolver memberships,
    BusinessAuditLog audit,
    TimeProvider time,
    ILogger<InvitationService> logger)
{
    public async Task<Result<InviteView>> ViewAsync(string? token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        var (invite, business) = found.Value!;
        var hasSignIn = await users.FindByEmailAsync(invite.Email) is not null;
        return new InviteView(business, invite.Email, invite.Role, hasSignIn);
    }

    /// <summary>A signed-in person accepts: the business becomes their current one.</summary>
    public async Task<Result<BusinessChoice>> AcceptAsync(string? personId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return ServiceError.Invalid("invalid_token", "token is required: the end of the invitation link (inv_…).", "token");
        }

        var person = personId is null ? null : await users.FindByIdAsync(personId);
        if (person is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in first, then open the invitation again.");
        }

        var found = await FindAsync(token, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        var (invite, _) = found.Value!;
        if (!string.Equals(person.NormalizedEmail, invite.NormalizedEmail, StringComparison.Ordinal))
        {
            return new ServiceError(ErrorKind.Forbidden, "invite_wrong_email",
                $"This invitation was sent to {EmailAddresses.Mask(invite.Email)}: sign in with that address to accept it.");
        }

        return await JoinAsync(person, invite, cancellationToken);
    }

    /// <summary>Someone with no sign-in accepts by choosing a username and password; the address is the invitation's.</summary>
    public async Task<Result<BusinessChoice>> AcceptWithNewSignInAsync(AcceptWithNewSignInRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(request.Token, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        var (invite, _) = found.Value!;
        if (await users.FindByEmailAsync(invite.Email) is not null)
        {
            return ServiceError.Conflict("email_taken", "This address already has a sign-in: sign in with it, then open the invitation again.");
        }

        var now = time.GetUtcNow();
        var person = new Merchant
        {
            UserName = request.Username?.Trim(),
            Email = invite.Email,
            // The invitation reached this address: that is the confirmation.
            EmailConfirmed = true,
            PublicId = "m_" + Ids.Random(12),
            CreatedAt = now,
            MemberOnly = true,
            SubscriptionExpiresAt = now,
        };
        var validation = new Merchants.RegisterRequestValidator().Validate(
            new RegisterRequest(person.UserName, invite.Email, request.Password, null));
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        if (await users.FindByNameAsync(person.UserName!) is not null)
        {
            return new ServiceError(ErrorKind.Conflict, "username_taken", $"The username {person.UserName} is taken: choose another.",
                new Dictionary<string, string> { ["username"] = $"The username {person.UserName} is taken." });
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(person, request.Password!);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is not null)
        {
            db.ChangeTracker.Clear();
            return ServiceError.Conflict("username_taken", "That username or address was just taken: choose another username, or sign in.");
        }

        if (!created.Succeeded)
        {
            return AccountService.MapIdentityErrors(created);
        }

        var joined = await JoinAsync(person, invite, cancellationToken);
        if (joined.Succeeded)
        {
            await signIn.SignInAsync(person, isPersistent: false);
        }

        return joined;
    }

    /// <summary>Makes another business of the person's the one they act for (<c>switch_business</c>).</summary>
    public async Task<Result<BusinessChoice>> SwitchAsync(string? personId, string? merchantPublicId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(merchantPublicId))
        {
            return ServiceError.Invalid("invalid_merchant_id", "merchant_id is required: the business's id (u_…).", "merchant_id");
        }

        var person = personId is null ? null : await users.FindByIdAsync(personId);
        if (person is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in first.");
        }

        var choice = (await memberships.ChoicesAsync(person.Id, cancellationToken))
            .FirstOrDefault(c => c.PublicId == merchantPublicId?.Trim());
        if (choice is null)
        {
            return ServiceError.NotFound("business_not_found", "You are not a member of a business with that id.");
        }

        await db.Users.Where(u => u.Id == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentBusinessId, choice.MerchantId), cancellationToken);
        return choice;
    }

    private async Task<Result<BusinessChoice>> JoinAsync(Merchant person, MemberInvite invite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.MemberInvites
            .Where(i => i.Id == invite.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, person.Id), cancellationToken);
        if (claimed == 0)
        {
            return Used();
        }

        if (await db.BusinessMembers.AnyAsync(m => m.MerchantId == invite.MerchantId && m.UserId == person.Id, cancellationToken))
        {
            return ServiceError.Conflict("already_member", "You are already a member of this business.");
        }

        db.BusinessMembers.Add(new BusinessMember { MerchantId = invite.MerchantId, UserId = person.Id, Role = invite.Role, CreatedAt = now });
        var actor = new SignedInMerchant(invite.MerchantId, "", "") { Role = invite.Role, PersonId = person.Id };
        await audit.RecordAsync(actor, BusinessAuditActions.MemberJoin, person.PublicId, invite.Role, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is not null)
        {
            db.ChangeTracker.Clear();
            return ServiceError.Conflict("already_member", "You are already a member of this business.");
        }

        await db.Users.Where(u => u.Id == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentBusinessId, invite.MerchantId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{PersonId} joined a business as {Role}", person.PublicId, invite.Role);
        return (await memberships.ChoicesAsync(person.Id, cancellationToken)).FirstOrDefault(c => c.MerchantId == invite.MerchantId) is { } joined
            ? joined
            : NotFound();
    }

    private async Task<Result<(MemberInvite Invite, string Business)>> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var value = token?.Trim() ?? "";
        if (value.Length is < 10 or > 100)
        {
            return NotFound();
        }

        var hash = Ids.Sha256Hex(value);
        var found = await (from i in db.MemberInvites.AsNoTracking()
                           join b in db.Users on i.MerchantId equals b.Id
                           where i.TokenHash == hash
                           select new { Invite = i, Business = b.BusinessName ?? b.UserName!, b.SuspendedAt }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (found.SuspendedAt is not null)
        {
            return ServiceError.Conflict("invite_used", "This business is suspended by the portal's operator: it cannot take new members now.");
        }

        if (found.Invite.AcceptedAt is not null || found.Invite.RevokedAt is not null)
        {
            return Used();
        }

        if (found.Invite.ExpiresAt <= time.GetUtcNow())
        {
            return ServiceError.Conflict("invite_expired", "This invitation has expired (they last 7 days): ask for a new one.");
        }

        return (found.Invite, found.Business);
    }

    private static ServiceError NotFound() => ServiceError.NotFound("invite_not_found", "This invitation link is not valid.");

    private static ServiceError Used() =>
        ServiceError.Conflict("invite_used", "This invitation was already used or withdrawn: ask for a new one.");
}
