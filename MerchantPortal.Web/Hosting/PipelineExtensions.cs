using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Modes;
using Microsoft.AspNetCore.HttpOverrides;

namespace MerchantPortal.Web.Hosting;

public static class PipelineExtensions
{
    /// <summary>
    /// Listen on <paramref name="address"/> unless an address was configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>Urls</c>, or the <c>HTTP_PORTS</c> the .NET container images set), and say where to open it once listening.
    /// </summary>
    public static WebApplicationBuilder UseDefaultAddress(this WebApplicationBuilder builder, string address)
    {
        builder.Services.AddHostedService<StartupNotice>();
        var configured = new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrWhiteSpace(builder.Configuration[k]));
        if (!configured)
        {
            builder.WebHost.UseUrls(address);
        }

        return builder;
    }

    /// <summary>What a page's refused form answers (in English and Swahili, as the pay pages speak both).</summary>
    private const string BadRequestPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>This could not be sent</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main class="container">
        <h1>This could not be sent</h1>
        <p>What was sent held characters that cannot be used, or the form had expired. Go back, reload the page and try again.</p>
        <p lang="sw">Hatukuweza kupokea ulichotuma. Rudi nyuma, pakia ukurasa upya, kisha ujaribu tena.</p>
        </main></body></html>
        """;

    private static readonly string[] AnonymousAccountPages =
    [
        "Register", "Login", "LoginWith2fa", "LoginWithRecoveryCode", "Logout", "AccessDenied",
        "ForgotPassword", "ResetPassword", "ConfirmEmail",
    ];

    public static WebApplicationBuilder AddPortalPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToFolder("/Pay");
            // The API reference is public, as the OpenAPI document it renders is.
            o.Conventions.AllowAnonymousToFolder("/Docs");
            // An invitation link is opened before its person has signed in (or has a sign-in at all).
            o.Conventions.AllowAnonymousToFolder("/Invite");
            o.Conventions.AuthorizeFolder("/Admin", Features.Admin.AdminRoles.Policy);
            // Area pages are outside AuthorizeFolder("/"). Manage needs a session; the account pages are listed
            // one by one because AllowAnonymousToAreaFolder("/Account") would also open Account/Manage.
            o.Conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");
            foreach (var page in AnonymousAccountPages)
            {
                o.Conventions.AllowAnonymousToAreaPage("Identity", "/Account/" + page);
            }
        }).AddMvcOptions(o =>
        {
            o.Filters.Add(new Pages.PlainTextInputFilter());
            o.Filters.Add<Pages.PagePermissionFilter>();
            o.ModelBinderProviders.Insert(0, new Pages.CheckboxModelBinderProvider());
        });
        // Scopes, the JSON format and no hosting scope (request paths carry callback tokens): RequestLogScope.
        // HttpLogging logs the path only (RedactingHttpLoggingInterceptor).
        builder.AddPortalLogging();
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/Error");
        var proxies = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AppOptions>>().Value.TrustedProxies;
        if (proxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"App:TrustedProxies: '{proxy}' is not an IP address."));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UsePortalSecurityHeaders();
        app.UsePortalMetrics();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Correlation-Id"] = context.TraceIdentifier;
            await next();
        });
        app.UseHttpLogging();
        app.UseStatusCodePages(async context =>
        {
            // API paths answer in the envelope even for framework-made errors (405, 415…).
            if (ApiPaths.IsAction(context.HttpContext.Request.Path) && !context.HttpContext.Response.HasStarted)
            {
                var error = new Features.Common.ServiceError(Features.Common.ErrorKind.Invalid, "http_" + context.HttpContext.Response.StatusCode,
                    "The request could not be served.");
                await context.HttpContext.Response.WriteAsJsonAsync(
                    ApiEnvelope.Fail(error, context.HttpContext.TraceIdentifier), ApiEnvelope.Json);
            }
            else if (context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest && !context.HttpContext.Response.HasStarted)
            {
                // A page's form refused before its handler ran (a control character, broken text, an expired form):
                // a person reads what to do, not a blank page.
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(BadRequestPage);
            }
        });
        app.UsePayLinkRewrite();
        app.UsePortalDelivery();
        app.UseRouting();
        app.UseAuthentication();
        app.UseDataMode();
        app.UseRequestLogScope();
        app.UseAuthorization();

        app.MapPortalHealthChecks();
        app.MapActionEndpoints();
        app.MapOpenApi();
        // Only for its script bundle (/docs/api-assets/scalar.js): the page that uses it is Pages/Docs/Api.cshtml.
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/docs/api-assets");
        app.MapControllers();
        app.MapRazorPages();
        app.MapMpesa();
        Features.Business.LogoEndpoint.MapBusinessLogos(app);
        return app;
    }

    /// <summary>
    /// <c>GET /index.php?action=paylink&amp;uid=…&amp;lid=…</c> is the public pay page (the URL the API document
    /// gives out), served by the Pay page with its query string intact.
    /// </summary>
    private static void UsePayLinkRewrite(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals("/index.php", StringComparison.OrdinalIgnoreCase)
            && string.Equals(request.Query["action"], "paylink", StringComparison.Ordinal)
            && !request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            request.Path = "/pay";
        }

        await next();
    });
}
