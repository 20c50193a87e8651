using System.IO.Compression;
using MerchantPortal.Web.Features.PayPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.ResponseCompression;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// How the customer's pages reach a phone: in English or Swahili, compressed, with static files cached for a year
/// when their address carries the file's version.
/// </summary>
public static class DeliveryExtensions
{
    private static readonly string[] Languages = ["en", "sw"];

    public static WebApplicationBuilder AddPortalPayPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<PayPageService>();
        services.AddSingleton<ReceiptTokens>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Only the words change: numbers, dates and model binding stay in the default culture (the pages format
            // money as "KES 1,500" and Nairobi times themselves), so the culture cookie cannot change how a form parses.
            o.SetDefaultCulture("en").AddSupportedUICultures(Languages);
            o.SupportedCultures = [new System.Globalization.CultureInfo("en")];
        });
        services.AddResponseCompression(o =>
        {
            // Over HTTPS too, for the paths UsePortalDelivery picks; why that is safe from BREACH is said there.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>Compression, static files and the request's language, in that order, before routing.</summary>
    public static WebApplication UsePortalDelivery(this WebApplication app)
    {
        // Compressed: static files and the customer's pages. Not the signed-in portal, whose pages can show a
        // secret (a new API key, a signing secret) beside text an attacker might get reflected (BREACH). The
        // customer's pages hold no such secret: their only one is the antiforgery token, which Data Protection
        // seals afresh for every response, so its compressed length leaks nothing across requests.
        app.UseWhen(context => IsCompressed(context.Request.Path), branch => branch.UseResponseCompression());
        var versions = app.Services.GetRequiredService<IFileVersionProvider>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = CacheControl(file.Context.Request, versions),
        });
        app.UseRequestLocalization();
        return app;
    }

    public static bool IsCompressed(PathString path) =>
        path.StartsWithSegments("/pay") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js");

    /// <summary>
    /// A year, immutable, only when the <c>v</c> asked for is this file's current version (what asp-append-version
    /// writes): a stale or made-up version must not pin a wrong file in a cache for a year. Five minutes otherwise.
    /// </summary>
    private static string CacheControl(HttpRequest request, IFileVersionProvider versions)
    {
        var asked = request.Query["v"].ToString();
        if (asked.Length > 0)
        {
            var current = versions.AddFileVersionToPath(request.PathBase, request.Path.Value!);
            if (current.EndsWith("?v=" + asked, StringComparison.Ordinal))
            {
                return "public, max-age=31536000, immutable";
            }
        }

        return "public, max-age=300";
    }
}
