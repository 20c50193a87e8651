using Microsoft.AspNetCore.HttpLogging;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Every request is logged with its correlation id (when request lines are on); a path that carries a secret (a
/// Daraja callback token, a pay page's status token: <see cref="SecretPaths"/>) is logged without it, and the built-in
/// simulator's requests not at all.
/// </summary>
public sealed class RedactingHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        var request = logContext.HttpContext.Request;
        if (request.Path.StartsWithSegments(Mpesa.Simulator.SimulatorEndpoints.RoutePrefix))
        {
            // The built-in simulator is Daraja's side of the exchange, not the portal's traffic.
            logContext.LoggingFields = HttpLoggingFields.None;
            return ValueTask.CompletedTask;
        }

        logContext.AddParameter("CorrelationId", logContext.HttpContext.TraceIdentifier);
        if (SecretPaths.Redact(request.Path.Value) is { } path && path != request.Path.Value)
        {
            logContext.LoggingFields &= ~HttpLoggingFields.RequestPath;
            logContext.AddParameter("Path", path);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
