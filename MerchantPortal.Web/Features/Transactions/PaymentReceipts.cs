using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>A settled payment's data changed without a move (its receipt arrived), as the handlers see it.</summary>
public sealed record PaymentUpdated(long TransactionId, string MerchantId);

/// <summary>What follows a settled payment's update (its <c>transaction.updated</c> event), inside its transaction.</summary>
public interface IPaymentUpdateHandler
{
    Task OnUpdatedAsync(PaymentUpdated updated, CancellationToken cancellationToken);
}

public enum ReceiptResult
{
    /// <summary>The receipt was written on the succeeded payment that had none.</summary>
    Recorded,

    /// <summary>The payment is not succeeded, or has a receipt already: nothing to fill in.</summary>
    NotNeeded,

    /// <summary>The receipt is already recorded on another payment: nothing changed.</summary>
    AlreadyRecordedElsewhere,
}

/// <summary>
/// Beside the state machine, the only writer of a settled payment (decision 9): it fills in the receipt of a payment
/// an STK query settled as succeeded (a query carries no receipt) when its callback arrives after all. This is not a
/// move: the status stays <c>succeeded</c>, so no subscription is extended again; the update raises
/// <c>transaction.updated</c> through the <see cref="IPaymentUpdateHandler"/>s in the same database transaction.
/// </summary>
public sealed class PaymentReceipts(
    PortalDbContext db,
    IEnumerable<IPaymentUpdateHandler> handlers,
    ILogger<PaymentReceipts> logger)
{
    /// <summary>
    /// Writes <paramref name="receipt"/> if the payment is succeeded without one; the caller has checked that the
    /// callback is a success for the amount pushed. <paramref name="record"/> writes the callback's timeline entry
    /// (inside the transaction when the receipt was recorded); it is not called when nothing was needed.
    /// </summary>
    public async Task<ReceiptResult> FillAsync(
        long transactionId, string merchantId, string receipt, Func<ReceiptResult, Task> record, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int changed;
        try
        {
            changed = await db.Transactions
                .Where(t => t.Id == transactionId && t.Status == TransactionStatuses.Succeeded && t.Receipt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Receipt, receipt), cancellationToken);
        }
        catch (Exception ex) when (db.FindUniqueViolation(ex) is not null)
        {
            // PostgreSQL refuses every later statement of a failed transaction: roll back before recording anything.
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogError("ALERT: receipt for payment {TransactionId} is already recorded on another payment; not filled in", transactionId);
            await record(ReceiptResult.AlreadyRecordedElsewhere);
            return ReceiptResult.AlreadyRecordedElsewhere;
        }

        if (changed == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ReceiptResult.NotNeeded;
        }

        await record(ReceiptResult.Recorded);
        var updated = new PaymentUpdated(transactionId, merchantId);
        foreach (var handler in handlers)
        {
            await handler.OnUpdatedAsync(updated, cancellationToken);
        }

        // The callback's timeline entry waits for this save when no handler saved it (TransactionJournal).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Payment {TransactionId} settled by query now has its receipt", transactionId);
        return ReceiptResult.Recorded;
    }
}
