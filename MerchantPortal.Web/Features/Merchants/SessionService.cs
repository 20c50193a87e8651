using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// Ending sessions. A session is a cookie carrying the merchant's security stamp, checked against the database on
/// every request (IdentityServiceCollectionExtensions): renewing the stamp ends every session that carries the old
/// one, on every instance. Sessions have no server-side record, so one of them cannot be ended alone (see docs/decisions, sessions).
/// </summary>
public sealed class SessionService(
    UserManager<Merchant> users,
    SignInManager<Merchant> signIn,
    ILogger<SessionService> logger)
{
    /// <summary>Signs out, ending all the merchant's sessions: a copy of this cookie must not outlive it.</summary>
    public async Task SignOutAsync(string? merchantId, CancellationToken cancellationToken)
    {
        if (merchantId is not null)
        {
            // One conditional-free update: a concurrent save of the user cannot make the renewal fail.
            await users.Users.Where(u => u.Id == merchantId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.SecurityStamp, NewStamp())
                .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
            logger.LogInformation("Merchant signed out; its sessions are ended");
        }

        await signIn.SignOutAsync();
    }

    /// <summary>Ends every session of the merchant but the current one, which is issued again with the new stamp.</summary>
    public async Task<Result<bool>> SignOutOtherSessionsAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in again.");
        }

        var renewed = await users.UpdateSecurityStampAsync(merchant);
        if (!renewed.Succeeded)
        {
            return ServiceError.Conflict("try_again", "Your account was being changed at the same moment. Try again.");
        }

        await signIn.RefreshSignInAsync(merchant);
        logger.LogInformation("Merchant {MerchantId} signed out of its other sessions", merchant.PublicId);
        return true;
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();
}
