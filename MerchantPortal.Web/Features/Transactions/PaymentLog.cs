namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// The lines every payment writes at Information, what an operator follows a payment by. Source-generated: no boxing
/// or template parsing on the request path, and nothing at all when the level is off.
/// </summary>
internal static partial class PaymentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "STK push {TransactionId} accepted for {Phone}")]
    public static partial void PushAccepted(ILogger logger, string transactionId, string phone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {TransactionId} moved from {From} to {To} ({ResultCode})")]
    public static partial void Moved(ILogger logger, long transactionId, string from, string to, string? resultCode);
}
