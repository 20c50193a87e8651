using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace MerchantPortal.Web.Api;

/// <summary>
/// Anything unexpected under <c>/index.php</c> becomes the error envelope with the correlation id that is
/// logged with the exception; never a stack trace or an HTML page.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var original = new PathString(context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path);
        if (!ApiPaths.IsAction(original) && !original.StartsWithSegments("/hooks"))
        {
            return false;
        }

        var path = original.StartsWithSegments("/hooks") ? "/hooks/[redacted]" : original.ToString();
        logger.LogError(exception, "Unhandled error in {Path} (correlation {CorrelationId})", path, context.TraceIdentifier);
        var error = new ServiceError(ErrorKind.Invalid, "internal_error",
            "Something went wrong on our side. Quote the correlation id if you contact support.");
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await context.Response.WriteAsJsonAsync(ApiEnvelope.Fail(error, context.TraceIdentifier), ApiEnvelope.Json, cancellationToken);
        return true;
    }
}
