using System.Security.Claims;
using System.Text.Encodings.Web;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Api;

public static class PortalSchemes
{
    /// <summary>An API key: <c>Authorization: Bearer sk_…</c>, <c>X-Api-Key</c> or the <c>api_key</c> field.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The business's public id (<c>u_…</c>).</summary>
    public const string PublicIdClaim = "portal:uid";

    /// <summary>The business a request acts for (its row id); the person signed in is the name identifier.</summary>
    public const string BusinessClaim = "portal:business";

    /// <summary>The business's username (its owner's sign-in name, as <c>login</c> and <c>me</c> show it).</summary>
    public const string BusinessUsernameClaim = "portal:business_user";

    /// <summary>The role the request acts with (<see cref="Features.Members.MemberRoles"/>).</summary>
    public const string RoleClaim = "portal:role";

    /// <summary>How many businesses the person signed in belongs to (read with the session's business).</summary>
    public const string BusinessCountClaim = "portal:business_count";

    /// <summary>For an API key's call: the member who made the key.</summary>
    public const string KeyMakerClaim = "portal:key_maker";

    /// <summary>The business requires a second factor and this person has none yet: only setting one up is open.</summary>
    public const string NeedsTwoFactorClaim = "portal:needs_2fa";

    public static Claim[] BusinessClaims(string merchantId, string publicId, string username, string role) =>
    [
        new(BusinessClaim, merchantId), new(PublicIdClaim, publicId), new(BusinessUsernameClaim, username), new(RoleClaim, role),
    ];

    /// <summary>The person signed in by session (their own sign-in id), or null (signed out, or an API key).</summary>
    public static string? PersonId(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity && identity.AuthenticationType != ApiKey
            ? user.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;

    /// <summary>Who the request acts for, or null when it acts for no business (signed out, or a member of none).</summary>
    public static SignedInMerchant? Merchant(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(BusinessClaim);
        var publicId = user.FindFirstValue(PublicIdClaim);
        var role = user.FindFirstValue(RoleClaim);
        return id is null || publicId is null || role is null
            ? null
            : new SignedInMerchant(id, publicId, user.FindFirstValue(BusinessUsernameClaim) ?? "")
            {
                Role = role,
                PersonId = PersonId(user),
                KeyMakerId = user.FindFirstValue(KeyMakerClaim),
            };
    }

    /// <summary>Authenticates an API call: by its API key when it carries one, else by the session cookie.</summary>
    public static async Task<AuthenticateResult> AuthenticateAsync(HttpContext context) =>
        await context.AuthenticateAsync(await FindApiKeyAsync(context) is null
            ? Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme
            : ApiKey);

    /// <summary>A call to the action router that carries an API key (pages never take one).</summary>
    public static async Task<bool> IsApiKeyCallAsync(HttpContext context) =>
        ApiPaths.IsAction(context.Request.Path) && await FindApiKeyAsync(context) is not null;

    /// <summary>The API key a request carries, if any, wherever it is given.</summary>
    public static async Task<string?> FindApiKeyAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = context.Request.Headers["X-Api-Key"].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        return ApiPaths.IsAction(context.Request.Path) ? (await ActionInput.ReadAsync(context))["api_key"] : null;
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = await PortalSchemes.FindApiKeyAsync(Context);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await keys.AuthenticateAsync(key, Context.RequestAborted);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(new ApiKeyRefusedException(result.Error!));
        }

        var merchant = result.Value!;
        Hosting.RequestLogScope.NameMerchant(Context, merchant.PublicId);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, merchant.Id),
                new Claim(ClaimTypes.Name, merchant.Username),
                .. PortalSchemes.BusinessClaims(merchant.Id, merchant.PublicId, merchant.Username, merchant.Role),
                .. merchant.KeyMakerId is null ? Array.Empty<Claim>() : [new Claim(PortalSchemes.KeyMakerClaim, merchant.KeyMakerId)],
            ],
            PortalSchemes.ApiKey);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), PortalSchemes.ApiKey));
    }
}

/// <summary>Why an API key was refused, for the router to answer with.</summary>
public sealed class ApiKeyRefusedException(ServiceError error) : Exception(error.Message)
{
    public ServiceError Error { get; } = error;
}
