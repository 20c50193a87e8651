using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// Where a payment should go, and what M-Pesa said that sends it there. The result is written only with a final
/// state; the checkout and merchant request ids fill in ids a push never got (Daraja did not answer it).
/// </summary>
public sealed record PaymentMove(
    string To,
    string? ResultCode = null,
    string? ResultDesc = null,
    string? Receipt = null,
    string? CheckoutRequestId = null,
    string? MerchantRequestId = null)
{
    /// <summary>
    /// Set only for a success callback that carries an M-Pesa receipt and the amount that was pushed: proof that money
    /// moved, the one answer that may correct a payment already recorded failed, cancelled or timed out (decision 9).
    /// </summary>
    public bool ProvesPayment { get; init; }

    /// <summary>The payment's state as the caller has just read it, if it has: the move need not read it again.</summary>
    public PaymentSeen? Seen { get; init; }

    /// <summary>M-Pesa gave no answer within the reconciliation horizon.</summary>
    public static PaymentMove Unknown { get; } = new(TransactionStatuses.Unknown);

    /// <summary>A move that settles the payment (and writes M-Pesa's result on it); a reversal keeps the payment's own result and receipt.</summary>
    public bool IsFinal => To is not (TransactionStatuses.Pending or TransactionStatuses.Unknown or TransactionStatuses.Reversed);
}

/// <summary>
/// A payment's state and merchant as read from its row, with what its day's total is kept by. <paramref name="Heard"/>:
/// whether anything hears of its moves (a webhook endpoint, its callback URL, its link), when the reader asked.
/// </summary>
public sealed record PaymentSeen(string Status, string MerchantId, DateTimeOffset CreatedAt, long Amount, bool Livemode, bool? Heard = null);

/// <summary>A move that happened, as the handlers see it inside the move's database transaction.</summary>
/// <param name="Heard">False when the payment was read, just before the move, to have no webhook endpoint, callback URL
/// or link: the outbox then has nothing to write, and its read is skipped. Null when not read.</param>
public sealed record PaymentMoved(long TransactionId, string MerchantId, string From, string To, bool? Heard = null);

public enum MoveResult
{
    /// <summary>The payment was in a state it may leave for the target, and now is in the target.</summary>
    Moved,

    /// <summary>The payment is already final (or the move is not one a payment makes): nothing changed.</summary>
    NotMoved,

    /// <summary>The receipt (or checkout id) is already recorded on another payment: nothing changed.</summary>
    AlreadyRecordedElsewhere,
}

/// <summary>
/// What follows a payment's move (its webhook events, a subscription's extension). Each registered handler runs
/// inside the move's database transaction, so the move and everything it causes commit together or not at all.
/// </summary>
public interface IPaymentMoveHandler
{
    Task OnMovedAsync(PaymentMoved moved, CancellationToken cancellationToken);
}
