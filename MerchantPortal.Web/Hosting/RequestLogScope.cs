using Microsoft.Extensions.Logging.Console;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Every log line of a request carries its correlation id (the <c>correlation_id</c> of the API's answers and the
/// <c>X-Correlation-Id</c> header) and, once known, the merchant's public id: one scope of the portal's own, instead
/// of ASP.NET Core's hosting scope, which would print the request path (a Daraja callback's path is its secret token).
/// Shown by the JSON console format (<c>Logging:Console:FormatterName=json</c>), one object a line with these under
/// <c>Scopes</c>; the default plain format prints no scopes.
/// </summary>
public static class RequestLogScope
{
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        // The format comes from Logging:Console:FormatterName (simple by default; AddSimpleConsole would pin it).
        builder.Logging.AddConsole();
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = false);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        // The hosting scope (request path) is never created, and hosting's "Request starting/finished" lines, which
        // print the whole URL (the API document lets a key ride in the query string), are never written.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return builder;
    }

    /// <summary>After authentication: the request's scope, with the merchant when one is signed in or named by a key.</summary>
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MerchantPortal.Request");
        var scope = new Dictionary<string, object?> { ["CorrelationId"] = context.TraceIdentifier };
        context.Items[ScopeItem] = scope;
        if (Api.PortalSchemes.Merchant(context.User) is { } merchant)
        {
            scope["MerchantId"] = merchant.PublicId;
        }

        using (logger.BeginScope(scope))
        {
            await next(context);
        }
    });

    /// <summary>Names the merchant in the request's scope from now on (an API key is read after the scope begins).</summary>
    public static void NameMerchant(HttpContext context, string merchantPublicId)
    {
        if (context.Items[ScopeItem] is Dictionary<string, object?> scope)
        {
            scope["MerchantId"] = merchantPublicId;
        }
    }

    private const string ScopeItem = "MerchantPortal.LogScope";
}
