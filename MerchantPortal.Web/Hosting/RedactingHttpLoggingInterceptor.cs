using Microsoft.AspNetCore.HttpLogging;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Every request is logged with its correlation id (when request lines are on); a path that carries a secret (the
/// Daraja callback token) is logged without it, and the built-in simulator's requests not at all.
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
        if (request.Path.StartsWithSegments("/hooks/stk"))
        {
            logContext.LoggingFields &= ~HttpLoggingFields.RequestPath;
            logContext.AddParameter("Path", "/hooks/stk/[redacted]");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
