using Microsoft.Net.Http.Headers;

namespace MerchantPortal.Web.Features.Business;

/// <summary>
/// <c>GET /logos/{uid}</c>: a merchant's logo, public like the pay page that shows it. Served with the type the checks
/// found, <c>nosniff</c> (a browser never reads it as anything else), and an ETag; an address carrying the current
/// version (<c>?v=</c>, as <see cref="BusinessProfileService.LogoUrl"/> gives it) may be cached for a year.
/// </summary>
public static class LogoEndpoint
{
    public static string PathOf(string merchantPublicId) => "/logos/" + Uri.EscapeDataString(merchantPublicId);

    public static IEndpointRouteBuilder MapBusinessLogos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/logos/{uid}", ServeAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ServeAsync(string uid, string? v, HttpContext http, BusinessProfileService profiles)
    {
        var logo = await profiles.FindLogoAsync(uid, http.RequestAborted);
        if (logo is null)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{logo.Sha256}\"");
        headers.ETag = etag.ToString();
        headers.XContentTypeOptions = "nosniff";
        // A versioned address never changes content; the bare one is revalidated after five minutes.
        headers.CacheControl = v is not null && logo.Sha256.StartsWith(v, StringComparison.Ordinal) && v.Length >= 16
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        headers.ContentDisposition = "inline";
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var sent)
            && sent.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(logo.Content, logo.ContentType);
    }
}
