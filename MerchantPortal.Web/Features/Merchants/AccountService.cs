using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>Registration and session sign-in, shared by the JSON actions and the pages.</summary>
public sealed class AccountService(
    UserManager<Merchant> users,
    SignInManager<Merchant> signIn,
    PortalDbContext db,
    IValidator<RegisterRequest> registerValidator,
    IValidator<LoginRequest> loginValidator,
    IPasswordHasher<Merchant> hasher,
    PortalRateLimiters limits,
    SignInThrottle throttle,
    IOptions<AppOptions> app,
    TimeProvider time,
    Members.MembershipResolver memberships,
    ILogger<AccountService> logger)
{
    /// <summary>
    /// The password was right and a second factor is due. The API answers 403 with this code; the pages go on
    /// to the code step (Identity has already noted who is signing in).
    /// </summary>
    public const string TwoFactorRequired = "two_factor_required";

    /// <summary>A hash of no one's password, checked when the name is unknown (made once, with the configured hasher).</summary>
    private static string? unknownUserHash;

    public static bool NeedsSecondFactor(ServiceError? error) => error?.Code == TwoFactorRequired;

    /// <summary>
    /// Registers and signs in, within the per-address allowance. A taken name or email counts like an account made:
    /// otherwise the form would be a free oracle of who is registered.
    /// </summary>
    public Task<Result<SignedInMerchant>> RegisterAsync(RegisterRequest request, string clientIp, CancellationToken cancellationToken) =>
        limits.GuardAsync([new LimitKey(Limit.Registration, clientIp)], SignInThrottle.TooManyFromAddress,
            () => CreateAsync(request, cancellationToken),
            r => r.Succeeded || r.Error!.Code is "username_taken" or "email_taken", cancellationToken);

    private async Task<Result<SignedInMerchant>> CreateAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var validation = await registerValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        if (await users.FindByNameAsync(request.Username!) is not null)
        {
            return UsernameTaken();
        }

        if (await users.FindByEmailAsync(request.Email!) is not null)
        {
            return EmailTaken();
        }

        var merchant = NewMerchant(request, time.GetUtcNow(), app.Value.TrialDays);
        // Identity's own save writes the owner's membership with the user.
        var owner = db.BusinessMembers.Add(Members.MemberService.OwnerOf(merchant));

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(merchant, request.Password!);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is { } taken
            && (taken.Is<Merchant>(nameof(Merchant.NormalizedUserName)) || taken.Is<Merchant>(nameof(Merchant.NormalizedEmail))))
        {
            // Two registrations raced past the checks above; the unique index decided.
            db.Entry(merchant).State = EntityState.Detached;
            owner.State = EntityState.Detached;
            return taken.Is<Merchant>(nameof(Merchant.NormalizedUserName)) ? UsernameTaken() : EmailTaken();
        }

        if (!created.Succeeded)
        {
            owner.State = EntityState.Detached;
            return MapIdentityErrors(created);
        }

        await signIn.SignInAsync(merchant, isPersistent: false);
        logger.LogInformation("Merchant {MerchantId} registered", merchant.PublicId);
        return new SignedInMerchant(merchant.Id, merchant.PublicId, merchant.UserName!) { Role = Members.MemberRoles.Owner, PersonId = merchant.Id };
    }

    /// <summary>
    /// The person just signed in, as acting for their current business; a person of no business (removed from all of
    /// them) is signed in as themselves with no role, to see that and accept a new invitation.
    /// </summary>
    public async Task<SignedInMerchant> SignedInAsync(Merchant person) =>
        await memberships.SignedInAsync(person, CancellationToken.None)
        ?? new SignedInMerchant("", person.PublicId, person.UserName!) { Role = "", PersonId = person.Id };

    /// <summary>A new user as registration makes it (also the <c>create-admin</c> command): on a trial from now.</summary>
    public static Merchant NewMerchant(RegisterRequest request, DateTimeOffset now, int trialDays)
    {
        Phones.TryNormalize(request.Phone, out var phone);
        return new Merchant
        {
            UserName = request.Username!.Trim(),
            Email = request.Email!.Trim(),
            PublicId = Ids.NewMerchantId(),
            Phone = phone.Length > 0 ? phone : null,
            BusinessName = string.IsNullOrWhiteSpace(request.BusinessName) ? null : request.BusinessName.Trim(),
            CreatedAt = now,
            SubscriptionStatus = SubscriptionStatuses.Trial,
            SubscriptionExpiresAt = now.AddDays(trialDays),
        };
    }

    /// <summary>
    /// Password sign-in, within the failed sign-ins allowed per client address and per account and address
    /// (<see cref="SignInThrottle"/>).
    /// </summary>
    public async Task<Result<SignedInMerchant>> LoginAsync(LoginRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var validation = await loginValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var login = request.User!.Trim();
        var merchant = login.Contains('@') ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login);
        merchant ??= await users.FindByNameAsync(login);
        // An unknown name is counted under itself, so it locks like an account would and the answers tell no one apart.
        var account = merchant?.Id ?? "?" + login.ToUpperInvariant();
        return await throttle.AttemptAsync(
            [new LimitKey(Limit.FailedLogin, clientIp), SignInThrottle.FromAddress(account, clientIp)],
            () => merchant is null ? Task.FromResult(UnknownUser(request.Password!)) : PasswordSignInAsync(merchant, request),
            cancellationToken);
    }

    /// <summary>The same hashing work as a wrong password for a real account, so timing does not tell who is registered.</summary>
    private Result<SignedInMerchant> UnknownUser(string password)
    {
        var nobody = new Merchant();
        unknownUserHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(nobody, unknownUserHash, password);
        return InvalidCredentials();
    }

    private async Task<Result<SignedInMerchant>> PasswordSignInAsync(Merchant merchant, LoginRequest request)
    {
        var result = await signIn.PasswordSignInAsync(merchant, request.Password!, request.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return await SignedInAsync(merchant);
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for locked merchant {MerchantId}", merchant.PublicId);
            return SignInThrottle.Locked();
        }

        if (result.RequiresTwoFactor)
        {
            return new ServiceError(ErrorKind.Forbidden, TwoFactorRequired,
                "This account uses two-factor sign-in: sign in on the website, or use an API key.");
        }

        // Identity refuses before it checks the password: only someone who knows it learns why.
        if (!result.IsNotAllowed || !await users.CheckPasswordAsync(merchant, request.Password!))
        {
            return InvalidCredentials();
        }

        if (merchant.SignInSuspended)
        {
            logger.LogWarning("Sign-in refused for suspended merchant {MerchantId}", merchant.PublicId);
            return new ServiceError(ErrorKind.Forbidden, "merchant_suspended", PortalSignInManager.Suspended(merchant.SuspendedReason));
        }

        return new ServiceError(ErrorKind.Forbidden, "sign_in_not_allowed", "This account may not sign in.");
    }

    private static ServiceError InvalidCredentials() =>
        new(ErrorKind.Unauthenticated, "invalid_credentials", "Wrong username/email or password.");

    private static ServiceError UsernameTaken() =>
        new(ErrorKind.Conflict, "username_taken", "That username is already registered.",
            new Dictionary<string, string> { ["username"] = "That username is already registered." });

    private static ServiceError EmailTaken() =>
        new(ErrorKind.Conflict, "email_taken", "That email address is already registered.",
            new Dictionary<string, string> { ["email"] = "That email address is already registered." });

    internal static ServiceError MapIdentityErrors(IdentityResult result)
    {
        var first = result.Errors.First();
        return first.Code switch
        {
            "DuplicateUserName" => UsernameTaken(),
            "DuplicateEmail" => EmailTaken(),
            _ when first.Code.StartsWith("Password", StringComparison.Ordinal) =>
                ServiceError.Invalid("invalid_password", "password: " + first.Description, "password"),
            _ => ServiceError.Invalid("invalid_registration", first.Description),
        };
    }
}
