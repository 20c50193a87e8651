namespace MerchantPortal.Web.Hosting;

/// <summary>
/// The browser-side defences every answer carries. Scripts and styles come only from this site's own files (no
/// page has inline script, style or event handlers: keep it so, or the policy breaks the page). The portal may
/// not be framed at all; the customer's pay pages only by the portal itself, and they may show a merchant's
/// logo from any web address.
/// </summary>
public static class SecurityHeaders
{
    private const string Common = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; ";

    public const string PortalPolicy = Common + "img-src 'self' data:; frame-ancestors 'none'";

    public const string PayPagePolicy = Common + "img-src 'self' data: https: http:; frame-ancestors 'self'";

    /// <summary>
    /// The API reference (/docs/api): Scalar's bundle, served from here, sets styles from script, so only this page
    /// allows inline styles; scripts, fonts and requests stay on this site.
    /// </summary>
    public const string ApiReferencePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";

    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS answers only (never for localhost): the browser then refuses plain HTTP here for 30 days.
            app.UseHsts();
        }

        // Every cookie (session, antiforgery, TempData, 2FA) is Secure whenever the request came over HTTPS.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
        app.Use((context, next) =>
        {
            // Decided when the answer starts: the pay link's /index.php?action=paylink is the pay page by then.
            context.Response.OnStarting(() =>
            {
                var pay = context.Request.Path.StartsWithSegments("/pay", StringComparison.OrdinalIgnoreCase);
                var headers = context.Response.Headers;
                var reference = context.Request.Path.StartsWithSegments("/docs/api", StringComparison.OrdinalIgnoreCase);
                headers.ContentSecurityPolicy = pay ? PayPagePolicy : reference ? ApiReferencePolicy : PortalPolicy;
                headers.XFrameOptions = pay ? "SAMEORIGIN" : "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
