using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RateLimits;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// Failed sign-ins (password, authenticator code, recovery code) counted per account and client address before the
/// attempt is checked: wrong guesses from one address lock only that address out of the account, so a stranger
/// cannot lock the owner out; Identity's own lockout is a much higher cap per account (decision 10).
/// </summary>
public sealed class SignInThrottle(PortalRateLimiters limits)
{
    public const string TooManyFromAddress = "Too many attempts from this address. Wait a minute and try again.";

    /// <summary>The allowance of one account (or, for an unknown name, of that name) from one address.</summary>
    public static LimitKey FromAddress(string account, string clientIp) => new(Limit.FailedSignInFromAddress, account + "|" + clientIp);

    public static ServiceError Locked() => new(ErrorKind.Forbidden, "account_locked",
        "Too many failed sign-ins. This account is locked for a few minutes; try again later.");

    /// <summary>
    /// Takes the allowances, runs the attempt, and keeps them only when it failed (a wrong password or code). Concurrent
    /// guesses cannot all pass a check made before any of them is counted. A full sign-in clears the address's failures;
    /// a right password that still needs the second factor does not, or the password would buy new code guesses.
    /// </summary>
    public async Task<Result<SignedInMerchant>> AttemptAsync(
        IReadOnlyList<LimitKey> keys, Func<Task<Result<SignedInMerchant>>> attempt, CancellationToken cancellationToken)
    {
        var allowance = await limits.TakeAsync(keys, cancellationToken);
        if (allowance.RefusedBy == Limit.FailedSignInFromAddress)
        {
            return Locked();
        }

        if (!allowance.Granted)
        {
            return new ServiceError(ErrorKind.RateLimited, "rate_limited", TooManyFromAddress);
        }

        Result<SignedInMerchant> result;
        try
        {
            result = await attempt();
        }
        catch
        {
            await limits.GiveBackAsync(allowance);
            throw;
        }

        if (result.Error?.Code is not ("invalid_credentials" or "invalid_code"))
        {
            await limits.GiveBackAsync(allowance);
        }

        if (result.Succeeded)
        {
            foreach (var key in keys.Where(k => k.Limit == Limit.FailedSignInFromAddress))
            {
                await limits.ResetAsync(key);
            }
        }

        return result;
    }
}
