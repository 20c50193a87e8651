namespace MerchantPortal.Web.Api;

/// <summary>
/// Where the JSON actions are served: <c>/index.php?action=…</c>, exactly as the API document writes it, and
/// <c>/api/{action}</c>, one path per action for generated clients and the OpenAPI document (issue 14). Both reach
/// the same router with the same authentication, envelope and limits.
/// </summary>
public static class ApiPaths
{
    /// <summary>The API document's entry point.</summary>
    public const string Entry = "/index.php";

    /// <summary>The prefix of the one-path-per-action form: <c>/api/api_stk</c>.</summary>
    public const string Prefix = "/api";

    /// <summary>Whether <paramref name="path"/> is served by the action router (matched by whole segments, any case).</summary>
    public static bool IsAction(PathString path) => path.StartsWithSegments(Entry) || path.StartsWithSegments(Prefix);
}
