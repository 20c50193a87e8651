using System.Security.Claims;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Hosting;

public static class IdentityServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<Merchant, IdentityRole>(o =>
            {
                // The API document's rule is "min 6 characters"; scripts register with such passwords.
                o.Password.RequiredLength = RegisterRequestValidator.MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Lockout.AllowedForNewUsers = true;
                // MaxFailedAccessAttempts and the lockout time come from RateLimits: (AddPortalApi).
                o.SignIn.RequireConfirmedEmail = false;
                // Sign-in, the setup page and reversal approval all verify through this name: codes work once.
                o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(OneUseAuthenticatorTokenProvider.Name)
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "mp_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Identity/Account/Login";
            o.LogoutPath = "/Identity/Account/Logout";
            o.AccessDeniedPath = "/Identity/Account/AccessDenied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });

        // Sign-out, a new password, 2FA on or off and suspension renew the merchant's security stamp; checking it on
        // every cookie request ends the affected sessions on their very next request, on every instance.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Features.Admin.AdminRoles.Policy, p => p.RequireRole(Features.Admin.AdminRoles.Admin))
            .AddPermissionPolicies();
        builder.Services.AddScoped<AccountSecurityService>();
        builder.Services.AddScoped<TwoFactorService>();
        builder.Services.AddScoped<SessionService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(PortalSchemes.ApiKey, null);
        return builder;
    }

    /// <summary>
    /// An API call that carries a key is authenticated by the key alone (the router asks the ApiKey scheme), so
    /// a cookie sent with it is dropped unread instead of costing a database check.
    /// </summary>
    private static async Task ValidateSessionAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        if (await PortalSchemes.IsApiKeyCallAsync(context.HttpContext))
        {
            context.RejectPrincipal();
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

/// <summary>
/// Adds the business the person acts for and their role in it to the session (<see cref="PortalSchemes.Merchant"/>).
/// Built at sign-in and again on every request with the security stamp check, so a role change or a removal applies
/// on the next request. A person who belongs to no business gets none (the pages then refuse them).
/// </summary>
public sealed class PortalClaimsPrincipalFactory(
    Microsoft.AspNetCore.Identity.UserManager<Merchant> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    Features.Members.MembershipResolver memberships)
    : UserClaimsPrincipalFactory<Merchant, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Merchant user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var choices = await memberships.ChoicesAsync(user.Id, CancellationToken.None);
        // How many businesses the person belongs to: the menu offers a switch from two, without asking again.
        identity.AddClaim(new Claim(PortalSchemes.BusinessCountClaim, choices.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (Features.Members.MembershipResolver.Pick(user, choices) is { } business)
        {
            identity.AddClaims(PortalSchemes.BusinessClaims(business.MerchantId, business.PublicId, business.Username, business.Role));
            if (business.NeedsTwoFactor && !user.TwoFactorEnabled)
            {
                identity.AddClaim(new Claim(PortalSchemes.NeedsTwoFactorClaim, "1"));
            }
        }

        return identity;
    }
}
