using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// Identity's sign-in, refusing suspended merchants, the platform tenant and a member of no business on every path
/// (password, 2FA, recovery code), since Identity asks <see cref="CanSignInAsync"/> before each of them.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<Merchant> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<Merchant> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Merchant>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Merchant> confirmation,
    Members.MembershipResolver memberships)
    : SignInManager<Merchant>(users, context, claims, options, logger, schemes, confirmation)
{
    public const string SuspendedMessage = "This account is suspended by the portal operator. Contact them to reactivate it.";

    /// <summary>What a suspended merchant is told at sign-in: the reason the operator gave (the admin page promises it).</summary>
    public static string Suspended(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? SuspendedMessage : $"{SuspendedMessage} The operator's reason: {reason.Trim()}";

    public override async Task<bool> CanSignInAsync(Merchant user) =>
        user.SuspendedAt is null && !user.IsPlatform && await base.CanSignInAsync(user) && await BelongsSomewhereAsync(user);

    /// <summary>
    /// The session's periodic check. A refreshed sign-in (after a password change, say) carries the current stamp,
    /// so the stamp alone would let a suspended merchant keep a session: the suspension is checked here too.
    /// </summary>
    public override async Task<bool> ValidateSecurityStampAsync(Merchant? user, string? securityStamp) =>
        user is { SuspendedAt: null, IsPlatform: false } && await base.ValidateSecurityStampAsync(user, securityStamp);

    /// <summary>
    /// A sign-in made by accepting an invitation exists only for the businesses it belongs to: once removed from all of
    /// them it cannot sign in (its sessions keep working only for its own account pages, which have nothing to act on).
    /// </summary>
    private async Task<bool> BelongsSomewhereAsync(Merchant user) =>
        !user.MemberOnly || (await memberships.ChoicesAsync(user.Id, CancellationToken.None)).Count > 0;
}
