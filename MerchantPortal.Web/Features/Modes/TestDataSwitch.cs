namespace MerchantPortal.Web.Features.Modes;

/// <summary>
/// The dashboard's "Test data" switch: a cookie of the signed-in browser, read after authentication to choose the
/// request's <see cref="DataMode"/>. An API key's own mode outranks it (the key is read later, by the action router).
/// The pages about live money and keys (the operator's admin area, billing, statements, unmatched payments from the
/// M-Pesa menu, API keys) always read live data: test payments are no one's money. The
/// customer's pay pages take no mode from whoever is signed in: a link is paid live unless its own merchant asks to
/// try it in test mode (see <c>PaymentService.PayFromLinkAsync</c>).
/// </summary>
public static class TestDataSwitch
{
    public const string CookieName = "mp_test_data";

    public static bool IsOn(HttpContext context) => context.Request.Cookies[CookieName] == "1";

    public static void Set(HttpContext context, bool on)
    {
        if (on)
        {
            context.Response.Cookies.Append(CookieName, "1", new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
        }
        else
        {
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }
    }

    private static readonly string[] AlwaysLive = ["/Admin", "/Billing", "/Statements", "/Unmatched", "/ApiKeys"];

    /// <summary>Whether this page follows the switch at all (see the class for those that are always live).</summary>
    public static bool Applies(PathString path) =>
        !AlwaysLive.Any(live => path.StartsWithSegments(live, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a signed-in merchant's request shows test data (and the page its band).</summary>
    public static bool ShowsTestData(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && IsOn(context) && Applies(context.Request.Path);

    /// <summary>Chooses a signed-in merchant's mode for the request: test while the switch is on, else live.</summary>
    public static IApplicationBuilder UseDataMode(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments("/Pay", StringComparison.OrdinalIgnoreCase))
        {
            context.RequestServices.GetRequiredService<DataMode>().Use(!ShowsTestData(context));
        }

        return next(context);
    });
}
