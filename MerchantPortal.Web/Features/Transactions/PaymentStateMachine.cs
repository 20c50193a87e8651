using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// The one owner of a payment's state (decision 9): nothing else writes <see cref="PaymentTransaction.Status"/>.
/// A payment leaves <c>pending</c> for a final state or for <c>unknown</c>, and <c>unknown</c> for a final state.
/// A final state changes only once, only to <c>succeeded</c>, and only on proof that money moved (a receipt for the
/// amount pushed); <c>succeeded</c> changes only to <c>reversed</c>, on M-Pesa's result for a reversal. Each move is one database transaction: the conditional update, the
/// timeline entry that explains it, and what the registered <see cref="IPaymentMoveHandler"/>s do (outbox events, a
/// subscription's extension). A move that loses a race, or is not allowed, writes nothing but the caller's entry.
/// A payment that arrives already paid (from the M-Pesa menu) is inserted here too (<see cref="RecordPaidAsync"/>).
/// </summary>
public sealed class PaymentStateMachine(
    PortalDbContext db,
    IEnumerable<IPaymentMoveHandler> handlers,
    PaymentDayTotals dayTotals,
    TransactionJournal journal,
    TimeProvider time,
    ILogger<PaymentStateMachine> logger)
{
    private const int MaxResultDesc = 300;

    /// <summary>
    /// Moves the payment if its current state allows it. <paramref name="record"/> writes the timeline entry for what
    /// caused the move (the push's answer, a callback, a query, the horizon passing); it is called exactly once,
    /// with the result, inside the move's transaction when the payment moved.
    /// </summary>
    public async Task<MoveResult> MoveAsync(long transactionId, PaymentMove move, Func<MoveResult, Task> record, CancellationToken cancellationToken)
    {
        // States only go forward (pending, unknown, final), so a lost race is retried at most twice.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // A caller's own fresh read spares the first one: states only go forward, so a state seen a moment ago
            // that may not move still may not, and one that may is checked by the conditional update.
            var current = attempt == 0 && move.Seen is { } seen
                ? seen
                : await db.AllTransactions.AsNoTracking().Where(t => t.Id == transactionId)
                    .Select(t => new PaymentSeen(t.Status, t.MerchantId, t.CreatedAt, t.Amount, t.Livemode)).SingleAsync(cancellationToken);
            if (!CanMove(current.Status, move.To, move.ProvesPayment))
            {
                break;
            }

            var result = await TryMoveAsync(transactionId, current, move, record, cancellationToken);
            if (result is { } done)
            {
                return done;
            }
        }

        await record(MoveResult.NotMoved);
        return MoveResult.NotMoved;
    }

    /// <summary>
    /// Records a payment that arrives already paid, with its M-Pesa receipt (made from the M-Pesa menu: C2B). It is
    /// the one insert of a final row, so it is this class's too: the row, its timeline entry (<paramref name="record"/>,
    /// called once before the insert), its day total and what the handlers do commit in one transaction. It counts
    /// as a move out of pending (no total, no event) to succeeded. The unique index on receipts decides a repeat,
    /// also between instances and concurrent requests: then nothing is written and the answer is
    /// <see cref="MoveResult.AlreadyRecordedElsewhere"/>. <paramref name="inserted"/>, when given, runs after the insert
    /// and before the handlers, in the same transaction (the row has its id then).
    /// </summary>
    public async Task<MoveResult> RecordPaidAsync(
        PaymentTransaction payment, Action record, CancellationToken cancellationToken, Func<Task>? inserted = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(payment.Receipt);
        payment.Status = TransactionStatuses.Succeeded;
        payment.CompletedAt ??= payment.CreatedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            db.AllTransactions.Add(payment);
            record();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (db.FindUniqueViolation(ex)?.Is<PaymentTransaction>(nameof(PaymentTransaction.Receipt)) == true)
            {
                // PostgreSQL refuses every later statement of a failed transaction; the row and its entry are forgotten.
                await transaction.RollbackAsync(CancellationToken.None);
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                {
                    added.State = EntityState.Detached;
                }

                return MoveResult.AlreadyRecordedElsewhere;
            }

            if (inserted is not null)
            {
                await inserted();
            }

            var moved = new PaymentMoved(payment.Id, payment.MerchantId, TransactionStatuses.Pending, TransactionStatuses.Succeeded);
            foreach (var handler in handlers)
            {
                await handler.OnMovedAsync(moved, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await dayTotals.MoveAsync(payment.Id, payment.MerchantId, payment.Livemode, payment.CreatedAt, payment.Amount,
                TransactionStatuses.Pending, TransactionStatuses.Succeeded, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            PaymentLog.Moved(logger, payment.Id, TransactionStatuses.Pending, TransactionStatuses.Succeeded, payment.ResultCode);
            PortalTelemetry.PaymentSettled(TransactionStatuses.Succeeded, "c2b", null);
            return MoveResult.Moved;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    public static bool CanMove(string from, string to, bool provesPayment = false) => (from, to) switch
    {
        (TransactionStatuses.Pending, TransactionStatuses.Unknown) => true,
        (TransactionStatuses.Pending or TransactionStatuses.Unknown,
            TransactionStatuses.Succeeded or TransactionStatuses.Failed or TransactionStatuses.Cancelled or TransactionStatuses.Timeout) => true,
        // M-Pesa's receipt for the amount pushed outweighs an earlier failure: the customer has paid.
        (TransactionStatuses.Failed or TransactionStatuses.Cancelled or TransactionStatuses.Timeout, TransactionStatuses.Succeeded) => provesPayment,
        // M-Pesa's result for a reversal of this payment (ReversalService): the money went back, once.
        (TransactionStatuses.Succeeded, TransactionStatuses.Reversed) => true,
        _ => false,
    };

    /// <summary>Whether a move from <paramref name="from"/> corrects a final state rather than settling a payment.</summary>
    private static bool Corrects(string from) =>
        from is TransactionStatuses.Failed or TransactionStatuses.Cancelled or TransactionStatuses.Timeout;

    /// <summary>One attempt from the state just read; null when another writer moved the payment first.</summary>
    private async Task<MoveResult?> TryMoveAsync(
        long transactionId, PaymentSeen current, PaymentMove move, Func<MoveResult, Task> record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A failed save ends the whole move, so EF's savepoint around each save is two round trips for nothing.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await MoveInTransactionAsync(transaction, transactionId, current, move, now, record, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    private async Task<MoveResult?> MoveInTransactionAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, long transactionId, PaymentSeen current,
        PaymentMove move, DateTimeOffset now, Func<MoveResult, Task> record, CancellationToken cancellationToken)
    {
        var (from, merchantId) = (current.Status, current.MerchantId);
        int changed;
        try
        {
            changed = await db.AllTransactions.Where(t => t.Id == transactionId && t.Status == from)
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(t => t.Status, move.To);
                    // Nothing is left to ask M-Pesa once a payment has left pending.
                    s.SetProperty(t => t.NextCheckAt, (DateTimeOffset?)null);
                    if (move.IsFinal)
                    {
                        s.SetProperty(t => t.ResultCode, move.ResultCode);
                        s.SetProperty(t => t.ResultDesc, Truncate(move.ResultDesc));
                        s.SetProperty(t => t.Receipt, move.To == TransactionStatuses.Succeeded ? move.Receipt : null);
                        s.SetProperty(t => t.CompletedAt, now);
                        s.SetProperty(t => t.CheckoutRequestId, t => t.CheckoutRequestId ?? move.CheckoutRequestId);
                        s.SetProperty(t => t.MerchantRequestId, t => t.MerchantRequestId ?? move.MerchantRequestId);
                    }
                }, cancellationToken);
        }
        catch (Exception ex) when (db.FindUniqueViolation(ex) is not null)
        {
            // PostgreSQL refuses every later statement of a failed transaction: roll back before recording anything.
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogError("ALERT: payment {TransactionId} would reuse a receipt or checkout id already recorded on another payment; not moved", transactionId);
            await record(MoveResult.AlreadyRecordedElsewhere);
            return MoveResult.AlreadyRecordedElsewhere;
        }

        if (changed == 0)
        {
            return null;
        }

        await record(MoveResult.Moved);
        if (Corrects(from))
        {
            logger.LogError("ALERT: payment {TransactionId} recorded {From} is corrected to succeeded by receipt {Receipt}", transactionId, from, move.Receipt);
            await journal.AlertAsync(transactionId, merchantId,
                $"ALERT: M-Pesa's callback carries receipt {move.Receipt} for the amount pushed, so this payment was made. It had been recorded {from}; " +
                "it is corrected to succeeded. Check anything done because it had not been paid (a second charge, goods held back).");
        }

        var moved = new PaymentMoved(transactionId, merchantId, from, move.To, current.Heard);
        foreach (var handler in handlers)
        {
            await handler.OnMovedAsync(moved, cancellationToken);
        }

        // The timeline entries are saved with the handlers' rows (or here, when no handler wrote any).
        await db.SaveChangesAsync(cancellationToken);
        // Last before the commit: the day's total is shared by the merchant's other payments in its slot, so its row
        // lock is held for the commit's round trip alone.
        await dayTotals.MoveAsync(transactionId, merchantId, current.Livemode, current.CreatedAt, current.Amount, from, move.To, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PaymentLog.Moved(logger, transactionId, from, move.To, move.ResultCode);
        if (move.IsFinal && !Corrects(from))
        {
            // A correction (failed, then proven paid) is not a second settlement.
            PortalTelemetry.PaymentSettled(move.To, "stk", now - current.CreatedAt);
        }

        return MoveResult.Moved;
    }

    private static string? Truncate(string? value) => value is null || value.Length <= MaxResultDesc ? value : value[..MaxResultDesc];
}
