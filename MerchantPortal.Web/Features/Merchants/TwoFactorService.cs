using System.Text;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>Two-factor sign-in with an authenticator app (Identity's TOTP) and recovery codes.</summary>
public sealed class TwoFactorService(
    UserManager<Merchant> users,
    SignInManager<Merchant> signIn,
    SignInThrottle throttle,
    ILogger<TwoFactorService> logger)
{
    public const string Issuer = "MerchantPortal";
    public const int RecoveryCodeCount = 10;

    public async Task<Result<TwoFactorStatus>> GetStatusAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return SignInAgain();
        }

        return new TwoFactorStatus(
            await users.GetTwoFactorEnabledAsync(merchant),
            await users.GetAuthenticatorKeyAsync(merchant) is not null,
            await users.CountRecoveryCodesAsync(merchant),
            await signIn.IsTwoFactorClientRememberedAsync(merchant));
    }

    /// <summary>The merchant's authenticator key (made on first use) as the app takes it.</summary>
    public async Task<Result<AuthenticatorSetup>> GetSetupAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return SignInAgain();
        }

        var key = await users.GetAuthenticatorKeyAsync(merchant);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(merchant);
            // A new key renews the security stamp: this session is issued again, the others end.
            await signIn.RefreshSignInAsync(merchant);
            key = (await users.GetAuthenticatorKeyAsync(merchant))!;
        }

        var label = Uri.EscapeDataString($"{Issuer}:{merchant.UserName}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return new AuthenticatorSetup(Grouped(key), uri);
    }

    /// <summary>Turns two-factor sign-in on once the app shows a right code; answers the recovery codes (shown once).</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(string merchantId, string? code, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return SignInAgain();
        }

        var token = Digits(code);
        if (token.Length == 0 || !await users.VerifyTwoFactorTokenAsync(merchant, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            return ServiceError.Invalid("invalid_code", "That code is not right. Check the app's clock and type the code it shows now.", "code");
        }

        await users.SetTwoFactorEnabledAsync(merchant, true);
        // The stamp was renewed: other sessions (signed in with the password alone) end, this one goes on.
        await signIn.RefreshSignInAsync(merchant);
        logger.LogInformation("Merchant {MerchantId} turned on two-factor sign-in", merchant.PublicId);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(merchant, RecoveryCodeCount))!.ToList();
    }

    public async Task<Result<bool>> DisableAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return SignInAgain();
        }

        await users.SetTwoFactorEnabledAsync(merchant, false);
        // A later setup starts from a new key: an old phone or a leaked key no longer works.
        await users.ResetAuthenticatorKeyAsync(merchant);
        await signIn.RefreshSignInAsync(merchant);
        logger.LogInformation("Merchant {MerchantId} turned off two-factor sign-in", merchant.PublicId);
        return true;
    }

    public async Task<Result<IReadOnlyList<string>>> NewRecoveryCodesAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return SignInAgain();
        }

        if (!await users.GetTwoFactorEnabledAsync(merchant))
        {
            return ServiceError.Conflict("two_factor_off", "Turn on two-factor sign-in first.");
        }

        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(merchant, RecoveryCodeCount))!.ToList();
    }

    /// <summary>
    /// The second step of a sign-in whose password was right (Identity remembers who in a short cookie). Wrong codes
    /// count like wrong passwords: per account and address (<see cref="SignInThrottle"/>) and towards Identity's lockout.
    /// </summary>
    public async Task<Result<SignedInMerchant>> SignInWithCodeAsync(
        string? code, bool rememberMe, bool rememberMachine, string clientIp, CancellationToken cancellationToken)
    {
        var merchant = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (merchant is null)
        {
            return SignInExpired();
        }

        return await throttle.AttemptAsync([SignInThrottle.FromAddress(merchant.Id, clientIp)], async () =>
        {
            var token = Digits(code);
            var result = token.Length == 0 ? SignInResult.Failed
                : await signIn.TwoFactorAuthenticatorSignInAsync(token, rememberMe, rememberMachine);
            return Outcome(merchant, result, "That code is not right. Type the code your authenticator app shows now.");
        }, cancellationToken);
    }

    public async Task<Result<SignedInMerchant>> SignInWithRecoveryCodeAsync(string? code, string clientIp, CancellationToken cancellationToken)
    {
        var merchant = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (merchant is null)
        {
            return SignInExpired();
        }

        return await throttle.AttemptAsync([SignInThrottle.FromAddress(merchant.Id, clientIp)], async () =>
        {
            // Identity's recovery-code sign-in neither checks nor counts the lockout that the code step does.
            if (await users.IsLockedOutAsync(merchant))
            {
                return Outcome(merchant, SignInResult.LockedOut, "");
            }

            var token = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
            var result = token.Length == 0 ? SignInResult.Failed : await signIn.TwoFactorRecoveryCodeSignInAsync(token);
            if (result.Succeeded)
            {
                logger.LogInformation("Merchant {MerchantId} signed in with a recovery code", merchant.PublicId);
            }
            else
            {
                await users.AccessFailedAsync(merchant);
            }

            return Outcome(merchant, result, "That recovery code is not right, or was used already.");
        }, cancellationToken);
    }

    private Result<SignedInMerchant> Outcome(Merchant merchant, SignInResult result, string wrongCode)
    {
        if (result.Succeeded)
        {
            // The person, not a business: the session's claims say which business and role (none here).
            return new SignedInMerchant(merchant.Id, merchant.PublicId, merchant.UserName!) { Role = "", PersonId = merchant.Id };
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Two-factor sign-in refused for locked merchant {MerchantId}", merchant.PublicId);
            return SignInThrottle.Locked();
        }

        return ServiceError.Invalid("invalid_code", wrongCode, "code");
    }

    private static string Digits(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    private static ServiceError SignInAgain() => new(ErrorKind.Unauthenticated, "not_authenticated", "Sign in again.");

    private static ServiceError SignInExpired() =>
        new(ErrorKind.Unauthenticated, "two_factor_expired", "The sign-in took too long. Enter your password again.");
}
