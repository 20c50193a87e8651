using System.Security.Claims;
using System.Text;
using FluentValidation;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>Passwords (forgotten, reset, changed) and email confirmation, for the account pages.</summary>
public sealed class AccountSecurityService(
    UserManager<Merchant> users,
    SignInManager<Merchant> signIn,
    IPortalEmailSender email,
    PublicUrls urls,
    IValidator<ResetPasswordRequest> resetValidator,
    IValidator<ChangePasswordRequest> changeValidator,
    ILogger<AccountSecurityService> logger)
{
    /// <summary>
    /// Emails a reset link when the address belongs to a merchant. The caller says the same thing either way,
    /// so the form cannot be used to find out who has an account.
    /// </summary>
    public async Task SendPasswordResetAsync(string? address, CancellationToken cancellationToken)
    {
        var merchant = string.IsNullOrWhiteSpace(address) ? null : await users.FindByEmailAsync(address.Trim());
        if (merchant is null)
        {
            logger.LogInformation("Password reset asked for an address with no account");
            return;
        }

        var code = Encode(await users.GeneratePasswordResetTokenAsync(merchant));
        var link = urls.EmailLink($"/Identity/Account/ResetPassword?code={code}");
        await email.SendAsync(new EmailMessage(merchant.Email!, "Reset your MerchantPortal password",
            $"Hello {merchant.UserName},\n\nSomeone (we hope you) asked to reset the password of your MerchantPortal account." +
            $"\nOpen this link to choose a new one:\n\n{link}\n\nIf it was not you, ignore this email: your password stays as it is.\n"),
            cancellationToken);
    }

    public async Task<Result<bool>> ResetPasswordAsync(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        var validation = await resetValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        // An unknown address reads like a bad link: the page must not confirm which addresses exist.
        var merchant = await users.FindByEmailAsync(request.Email!.Trim());
        var token = Decode(request.Code);
        if (merchant is null || token is null)
        {
            return InvalidResetLink();
        }

        var result = await users.ResetPasswordAsync(merchant, token, request.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? InvalidResetLink()
                : ServiceError.Invalid("invalid_password", result.Errors.First().Description, "password");
        }

        logger.LogInformation("Merchant {MerchantId} reset their password", merchant.PublicId);
        return true;
    }

    public async Task<Result<bool>> ChangePasswordAsync(string merchantId, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var validation = await changeValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in again.");
        }

        var result = await users.ChangePasswordAsync(merchant, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? ServiceError.Invalid("wrong_password", "That is not your current password.", "current_password")
                : ServiceError.Invalid("invalid_password", result.Errors.First().Description, "new_password");
        }

        // The security stamp changed: renew this session's cookie so it stays valid.
        await signIn.RefreshSignInAsync(merchant);
        logger.LogInformation("Merchant {MerchantId} changed their password", merchant.PublicId);
        return true;
    }

    /// <summary>True for a signed-in merchant whose email address is not confirmed yet (the banner's question).</summary>
    public async Task<bool> NeedsEmailConfirmationAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = users.GetUserId(user);
        return id is not null && await users.Users.AnyAsync(u => u.Id == id && !u.EmailConfirmed, cancellationToken);
    }

    public async Task SendEmailConfirmationAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await users.FindByIdAsync(merchantId);
        if (merchant is null || merchant.EmailConfirmed)
        {
            return;
        }

        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(merchant));
        var link = urls.EmailLink($"/Identity/Account/ConfirmEmail?userId={Uri.EscapeDataString(merchant.PublicId)}&code={code}");
        await email.SendAsync(new EmailMessage(merchant.Email!, "Confirm your email for MerchantPortal",
            $"Hello {merchant.UserName},\n\nOpen this link to confirm that {merchant.Email} is your address:\n\n{link}\n"),
            cancellationToken);
    }

    /// <summary><paramref name="userId"/> is the merchant's public id (<c>u_…</c>), as the link carries it.</summary>
    public async Task<Result<bool>> ConfirmEmailAsync(string? userId, string? code, CancellationToken cancellationToken)
    {
        var merchant = string.IsNullOrEmpty(userId) ? null
            : await users.Users.SingleOrDefaultAsync(u => u.PublicId == userId, cancellationToken);
        var token = Decode(code);
        if (merchant is null || token is null || !(await users.ConfirmEmailAsync(merchant, token)).Succeeded)
        {
            return ServiceError.Invalid("invalid_token",
                "This confirmation link is invalid or has expired. Sign in and ask for a new one.");
        }

        logger.LogInformation("Merchant {MerchantId} confirmed their email", merchant.PublicId);
        return true;
    }

    // Identity's tokens hold '+', '/' and '='; links carry them base64url-encoded.
    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ServiceError InvalidResetLink() =>
        ServiceError.Invalid("invalid_token", "This reset link is invalid or has expired, or the email address does not match. Ask for a new link.");
}
