using Microsoft.AspNetCore.HttpLogging;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Every request is logged with its correlation id; a path that carries a secret (the Daraja callback token)
/// is logged without it.
/// </summary>
public sealed class RedactingHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        var request = logContext.HttpContext.Request;
        logContext.AddParameter("CorrelationId", logContext.HttpContext.TraceIdentifier);
        if (request.Path.StartsWithSegments("/hooks/stk"))
        {
            logContext.LoggingFields &= ~HttpLoggingFields.RequestPath;
            logContext.AddParameter("Path", "/hooks/stk/[redacted]");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
