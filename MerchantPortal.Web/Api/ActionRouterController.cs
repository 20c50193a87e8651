using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Api;

/// <summary>One call to an action: its fields, the signed-in merchant (when required) and the request.</summary>
public sealed record ActionCall(ActionInput Input, SignedInMerchant? Merchant, HttpContext Http)
{
    public SignedInMerchant Me => Merchant ?? throw new InvalidOperationException("This action requires a merchant.");

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public CancellationToken Aborted => Http.RequestAborted;

    public string ClientIp => Hosting.ClientAddress.Of(Http);
}

/// <summary>How an action is reached: whether it needs a merchant and whether GET may call it.</summary>
public sealed record ActionRoute(bool RequiresMerchant, bool AllowGet, Func<ActionCall, Task<IResult>> Handle)
{
    /// <summary>Starts or ends a session (login, register, logout): another site must not do it in the merchant's browser.</summary>
    public bool ChangesSession { get; init; }

    /// <summary>What the caller's role must allow (<see cref="Features.Members.MemberRoles"/>); null: any member, or no one.</summary>
    public Features.Members.Permission? Needs { get; init; }

    /// <summary>
    /// Refused when a browser says it comes from another site: it changes something (POST only) with the
    /// merchant's cookie, or the session itself. API-key calls are exempt (the router checks).
    /// </summary>
    public bool SameOriginOnly => !AllowGet && (RequiresMerchant || ChangesSession);
}

/// <summary>
/// <c>/index.php</c>, the API document's entry point, and <c>/api/{action}</c> for a name no action has (each action
/// has its own endpoint there, see <see cref="ActionEndpoints"/>). Both go to <see cref="ActionDispatcher"/>.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ActionRouterController : ControllerBase
{
    [HttpGet(ApiPaths.Entry)]
    [HttpPost(ApiPaths.Entry)]
    [HttpGet(ApiPaths.Prefix + "/{name}")]
    [HttpPost(ApiPaths.Prefix + "/{name}")]
    public Task<IResult> Handle([FromRoute] string? name = null) => ActionDispatcher.HandleAsync(HttpContext, name);
}

/// <summary>
/// Runs one action call: the action comes from the path (<c>/api/{action}</c>), else from the query string or the
/// body; the table in <see cref="Actions"/> binds fields, calls one service method and maps the result.
/// </summary>
public static class ActionDispatcher
{
    /// <param name="name">The action the path names (it wins over any action field), or null to read the field.</param>
    public static async Task<IResult> HandleAsync(HttpContext http, string? name)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var input = await ActionInput.ReadAsync(http);
        if (input.Error is not null)
        {
            return input.UnsupportedMediaType
                ? ApiEnvelope.Fail(ServiceError.Invalid("unsupported_media_type", input.Error), http.TraceIdentifier)
                    .ToResult(StatusCodes.Status415UnsupportedMediaType)
                : Fail(http, ServiceError.Invalid("invalid_body", input.Error));
        }

        if (input.InvalidField is not null)
        {
            return Fail(http, input.InvalidField);
        }

        name ??= input.Action;
        if (string.IsNullOrEmpty(name) || !Actions.Table.TryGetValue(name, out var route))
        {
            return Fail(http, ServiceError.NotFound("unknown_action",
                string.IsNullOrEmpty(name) ? "Say which action: the action field is missing." : $"Unknown action '{name}'."));
        }

        if (HttpMethods.IsGet(http.Request.Method) && !route.AllowGet)
        {
            // State changes only by POST, so a link or image tag can never act with a merchant's cookie.
            return ApiEnvelope.Fail(new ServiceError(ErrorKind.Invalid, "method_not_allowed", $"Use POST for {name}."),
                http.TraceIdentifier).ToResult(StatusCodes.Status405MethodNotAllowed);
        }

        var publicBaseUrl = http.RequestServices.GetRequiredService<IOptionsMonitor<Hosting.AppOptions>>().CurrentValue.PublicBaseUrl;
        if (route.SameOriginOnly && CrossSiteRequests.IsCrossSite(http.Request, publicBaseUrl)
            && !await PortalSchemes.IsApiKeyCallAsync(http))
        {
            return Fail(http, CrossSiteRequests.Refused());
        }

        SignedInMerchant? merchant = null;
        if (route.RequiresMerchant)
        {
            var auth = await PortalSchemes.AuthenticateAsync(http);
            merchant = auth.Succeeded ? PortalSchemes.Merchant(auth.Principal) : null;
            if (merchant is null)
            {
                return Fail(http, auth.Failure is ApiKeyRefusedException refused
                    ? refused.Error
                    : new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in (action=login) or send an API key."));
            }

            http.User = auth.Principal!;
            if (auth.Principal!.HasClaim(c => c.Type == PortalSchemes.NeedsTwoFactorClaim))
            {
                return Fail(http, new ServiceError(ErrorKind.Forbidden, "two_factor_setup_required",
                    "This business requires two-factor sign-in: set it up on the website (Account → Two-factor) first."));
            }

            if (route.Needs is { } needed && !merchant.Allows(needed))
            {
                return new RequestLogResult(Fail(http, Features.Members.MemberRoles.Forbidden(merchant.Role)), merchant.Id, name, input, started);
            }
        }

        var result = await route.Handle(new ActionCall(input, merchant, http));
        return merchant is null ? result : new RequestLogResult(result, merchant.Id, name, input, started);
    }

    private static IResult Fail(HttpContext http, ServiceError error) => ApiEnvelope.From(error, http);
}
