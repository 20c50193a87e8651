using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// Identity's sign-in, refusing merchants the operator suspended and the platform tenant on every path
/// (password, 2FA, recovery code), since Identity asks <see cref="CanSignInAsync"/> before each of them. The owner of
/// a business they closed still signs in: their sign-in is also a person who may belong to other businesses.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<Merchant> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<Merchant> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Merchant>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Merchant> confirmation,
    Members.MembershipResolver memberships,
    Members.BusinessAuditLog audit,
    Data.PortalDbContext db)
    : SignInManager<Merchant>(users, context, claims, options, logger, schemes, confirmation)
{
    public const string SuspendedMessage = "This account is suspended by the portal operator. Contact them to reactivate it.";

    /// <summary>What a suspended merchant is told at sign-in: the reason the operator gave (the admin page promises it).</summary>
    public static string Suspended(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? SuspendedMessage : $"{SuspendedMessage} The operator's reason: {reason.Trim()}";

    public override async Task<bool> CanSignInAsync(Merchant user) =>
        !user.SignInSuspended && !user.IsPlatform && await base.CanSignInAsync(user);

    /// <summary>
    /// The session's periodic check. A refreshed sign-in (after a password change, say) carries the current stamp,
    /// so the stamp alone would let a suspended merchant keep a session: the suspension is checked here too.
    /// </summary>
    public override async Task<bool> ValidateSecurityStampAsync(Merchant? user, string? securityStamp) =>
        user is { SignInSuspended: false, IsPlatform: false } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task<SignInResult> PasswordSignInAsync(Merchant user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded)
        {
            await RecordSignInAsync(user, "password");
        }

        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (result.Succeeded && user is not null)
        {
            await RecordSignInAsync(user, "password and authenticator code");
        }

        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded && user is not null)
        {
            await RecordSignInAsync(user, "password and recovery code");
        }

        return result;
    }

    /// <summary>Every completed sign-in goes to the audit log of the business the person lands in.</summary>
    private async Task RecordSignInAsync(Merchant user, string how)
    {
        if (await memberships.CurrentAsync(user, CancellationToken.None) is not { } business)
        {
            return;
        }

        var acting = new SignedInMerchant(business.MerchantId, business.PublicId, business.Username) { Role = business.Role, PersonId = user.Id };
        await audit.RecordAsync(acting, Members.BusinessAuditActions.SignIn, user.PublicId, how, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
