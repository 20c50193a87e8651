namespace MerchantPortal.Web.Hosting;

/// <summary>The one message every background loop writes when a pass fails and it carries on.</summary>
public static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} pass failed; it carries on and tries again on its next pass")]
    public static partial void PassFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} has no usable interval; waiting {Fallback} instead")]
    public static partial void BadInterval(ILogger logger, Exception? exception, string worker, TimeSpan fallback);
}
