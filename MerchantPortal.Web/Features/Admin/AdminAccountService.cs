using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>
/// Who the administrators are: Identity users in the Admin role, created by the <c>create-admin</c> command or
/// from configuration, or promoted by another administrator. Each grant is saved with its audit entry.
/// </summary>
public sealed class AdminAccountService(
    PortalDbContext db,
    UserManager<Merchant> users,
    RoleManager<IdentityRole> roles,
    IValidator<RegisterRequest> registerValidator,
    IValidator<PromoteAdminRequest> promoteValidator,
    AuditLog audit,
    TimeProvider time,
    IOptions<AppOptions> app)
{
    public async Task<IReadOnlyList<AdminUserDto>> ListAsync(CancellationToken cancellationToken) =>
        await Admins().OrderBy(u => u.UserName).Select(u => new AdminUserDto(u.PublicId, u.UserName!, u.Email)).ToListAsync(cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Admins().AnyAsync(cancellationToken);

    /// <summary>Makes an existing user an administrator; their session gains the Admin area within a minute.</summary>
    public async Task<Result<AdminUserDto>> PromoteAsync(AdminActor actor, PromoteAdminRequest request, CancellationToken cancellationToken)
    {
        var validation = await promoteValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var login = request.Login!.Trim();
        var user = (login.Contains('@') ? await users.FindByEmailAsync(login) : null) ?? await users.FindByNameAsync(login);
        if (user is null || user.IsPlatform)
        {
            return new ServiceError(ErrorKind.NotFound, "user_not_found", "No user has that email address or username.",
                new Dictionary<string, string> { ["login"] = "No user has that email address or username." });
        }

        var granted = await GrantAsync(actor, user, AuditActions.AdminPromote, cancellationToken);
        return granted.AlreadyAdmin
            ? ServiceError.Conflict("already_admin", $"{user.UserName} is already an administrator.")
            : granted.User;
    }

    /// <summary>
    /// The user with this email address is promoted; without one, a user is created (username from the address's
    /// local part unless given; registration's rules and Identity's password rules apply) with the role, the
    /// user, the role and the audit entry saved together.
    /// </summary>
    public async Task<Result<AdminGranted>> CreateOrPromoteAsync(AdminActor actor, CreateAdminRequest request, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim() ?? "";
        if (await users.FindByEmailAsync(email) is { IsPlatform: false } existing)
        {
            return await GrantAsync(actor, existing, AuditActions.AdminPromote, cancellationToken);
        }

        var username = string.IsNullOrWhiteSpace(request.Username) ? UsernameFrom(email) : request.Username.Trim();
        var registration = new RegisterRequest(username, email, request.Password, null);
        var validation = await registerValidator.ValidateAsync(registration, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        if (await users.FindByNameAsync(username) is not null)
        {
            return new ServiceError(ErrorKind.Conflict, "username_taken", $"The username {username} belongs to another user: choose another.",
                new Dictionary<string, string> { ["username"] = $"The username {username} belongs to another user." });
        }

        var merchant = AccountService.NewMerchant(registration, time.GetUtcNow(), app.Value.TrialDays);
        var role = await EnsureRoleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = merchant.Id, RoleId = role.Id });
        db.BusinessMembers.Add(Members.MemberService.OwnerOf(merchant));
        audit.Record(actor, AuditActions.AdminCreate, merchant.PublicId, null, new { username, email, admin = true });
        IdentityResult created;
        try
        {
            // Identity's own save writes the user together with the role row and the audit entry added above.
            created = await users.CreateAsync(merchant, request.Password!);
        }
        catch (DbUpdateException)
        {
            // Another instance created the same administrator from the same configuration at the same moment.
            db.ChangeTracker.Clear();
            var raced = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("Creating the administrator failed.");
            return await GrantAsync(actor, raced, AuditActions.AdminPromote, cancellationToken);
        }

        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return AccountService.MapIdentityErrors(created);
        }

        return new AdminGranted(ToDto(merchant), Created: true, AlreadyAdmin: false);
    }

    private async Task<AdminGranted> GrantAsync(AdminActor actor, Merchant user, string action, CancellationToken cancellationToken)
    {
        var role = await EnsureRoleAsync(cancellationToken);
        if (await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == role.Id, cancellationToken))
        {
            return new AdminGranted(ToDto(user), Created: false, AlreadyAdmin: true);
        }

        // The role row directly rather than UserManager.AddToRoleAsync, which rewrites the whole user row and
        // could undo a subscription change saved meanwhile.
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        audit.Record(actor, action, user.PublicId, new { admin = false }, new { admin = true });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new AdminGranted(ToDto(user), Created: false, AlreadyAdmin: true);
        }

        return new AdminGranted(ToDto(user), Created: false, AlreadyAdmin: false);
    }

    private async Task<IdentityRole> EnsureRoleAsync(CancellationToken cancellationToken)
    {
        if (await roles.FindByNameAsync(AdminRoles.Admin) is { } role)
        {
            return role;
        }

        try
        {
            await roles.CreateAsync(new IdentityRole(AdminRoles.Admin));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await roles.FindByNameAsync(AdminRoles.Admin) ?? throw new InvalidOperationException("The Admin role could not be created.");
    }

    private IQueryable<Merchant> Admins() =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        join u in db.Users on ur.UserId equals u.Id
        where r.Name == AdminRoles.Admin
        select u;

    /// <summary>The email address's local part, reduced to the characters a username may have.</summary>
    internal static string UsernameFrom(string email)
    {
        var local = email.Split('@')[0];
        var name = new string([.. local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')]);
        return name.Length <= 32 ? name : name[..32];
    }

    private static AdminUserDto ToDto(Merchant u) => new(u.PublicId, u.UserName!, u.Email);
}
