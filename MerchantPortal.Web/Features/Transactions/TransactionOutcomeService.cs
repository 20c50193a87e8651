using System.Linq.Expressions;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>What M-Pesa said about one push, from a callback (with the amount paid) or a query (without).</summary>
public sealed record StkOutcome(
    string CheckoutRequestId,
    string? MerchantRequestId,
    string ResultCode,
    string? ResultDesc,
    string? Receipt,
    decimal? Amount);

public enum OutcomeApplied
{
    Applied,
    AlreadyFinal,
    UnknownTransaction,
    Mismatch,

    /// <summary>The answer contradicts what we know (another amount, a receipt already credited): alert, no move.</summary>
    NotBelieved,

    /// <summary>A callback brought the receipt of a payment a query had settled as succeeded without one.</summary>
    ReceiptRecorded,
}

/// <summary>
/// Reads M-Pesa's answers about a push and asks the state machine to move the payment accordingly. An answer that
/// contradicts what we know is not believed: it becomes an ALERT on the transaction's timeline and the payment is
/// left to the STK query, which asks M-Pesa itself (decision 9).
/// </summary>
public sealed class TransactionOutcomeService(
    PortalDbContext db,
    TransactionJournal journal,
    PaymentStateMachine states,
    PaymentReceipts receipts,
    ILogger<TransactionOutcomeService> logger)
{
    // Every callback asks this, so it is compiled once: translating the LINQ tree again on each call cost the callback
    // more of the portal's CPU than anything else of its own. A callback (and the reconciler's query) chooses no mode:
    // the token or the id names the payment.
    private static readonly CompiledPerProvider<Func<PortalDbContext, string, CancellationToken, Task<PaymentRow?>>> ByCallbackToken =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, string token, CancellationToken _) =>
            db.AllTransactions.Where(t => t.CallbackToken == token).Select(Row(db)).SingleOrDefault()));

    private static readonly CompiledPerProvider<Func<PortalDbContext, long, string, CancellationToken, Task<PaymentRow?>>> ByCheckout =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, long id, string checkout, CancellationToken _) =>
            db.AllTransactions.Where(t => t.Id == id && t.CheckoutRequestId == checkout).Select(Row(db)).SingleOrDefault()));

    /// <summary>A callback, routed by the token in its URL.</summary>
    public async Task<OutcomeApplied> ApplyCallbackAsync(string callbackToken, StkOutcome outcome, string rawBody, CancellationToken cancellationToken)
    {
        var row = await ByCallbackToken.For(db)(db, callbackToken, cancellationToken);
        if (row is null)
        {
            // Checkout ids end with the customer's phone digits: they stay out of the logs.
            logger.LogWarning("STK callback for an unknown token ignored (merchant request {MerchantRequestId})", outcome.MerchantRequestId);
            return OutcomeApplied.UnknownTransaction;
        }

        PortalTelemetry.TagTransaction(row.PublicId);

        if (row.CheckoutRequestId is not null && row.CheckoutRequestId != outcome.CheckoutRequestId)
        {
            logger.LogWarning("STK callback for {TransactionId} names another checkout id: ignored", row.PublicId);
            await journal.CallbackAsync(row.Id, row.MerchantId, outcome, OutcomeApplied.Mismatch, rawBody);
            return OutcomeApplied.Mismatch;
        }

        // Only a callback carries the amount paid; a success for any other amount than the one pushed is not
        // proof of this payment, and the amount recorded is always the one pushed.
        if (ResultCodes.ToStatus(outcome.ResultCode) == TransactionStatuses.Succeeded && outcome.Amount != row.Amount)
        {
            logger.LogError("ALERT: a success callback for {TransactionId} reports {Paid} paid for {Amount}; not believed", row.PublicId, outcome.Amount, row.Amount);
            await journal.CallbackAsync(row.Id, row.MerchantId, outcome, OutcomeApplied.NotBelieved, rawBody);
            await journal.AlertAsync(row.Id, row.MerchantId,
                $"ALERT: the callback reports {(outcome.Amount is { } paid ? $"KES {paid:0.##}" : "no amount")} paid, but KES {row.Amount:N0} was asked for. Not believed: {LeftTo(row)}");
            return OutcomeApplied.NotBelieved;
        }

        Task Record(OutcomeApplied applied) => journal.CallbackAsync(row.Id, row.MerchantId, outcome, applied, rawBody);
        var provesPayment = ResultCodes.ToStatus(outcome.ResultCode) == TransactionStatuses.Succeeded && !string.IsNullOrWhiteSpace(outcome.Receipt);
        if (provesPayment && row.Status == TransactionStatuses.Succeeded
            && await FillReceiptAsync(row, outcome.Receipt!, Record, cancellationToken) is { } filled)
        {
            return filled;
        }

        return await ApplyAsync(row, outcome, provesPayment, Record, cancellationToken);
    }

    /// <summary>
    /// The receipt for a payment a query settled (the query carries none); null when there is nothing to fill in
    /// (it has its receipt already), and the callback is then handled as a repeated answer.
    /// </summary>
    private async Task<OutcomeApplied?> FillReceiptAsync(
        PaymentRow row, string receipt, Func<OutcomeApplied, Task> record, CancellationToken cancellationToken)
    {
        var result = await receipts.FillAsync(row.Id, row.MerchantId, receipt, r => record(r == ReceiptResult.Recorded
            ? OutcomeApplied.ReceiptRecorded
            : OutcomeApplied.NotBelieved), cancellationToken);
        switch (result)
        {
            case ReceiptResult.Recorded:
                return OutcomeApplied.ReceiptRecorded;
            case ReceiptResult.AlreadyRecordedElsewhere:
                await journal.AlertAsync(row.Id, row.MerchantId,
                    $"ALERT: the callback names receipt {receipt}, which is already recorded on another payment. Not believed: the payment stays succeeded without a receipt; check it with M-Pesa.");
                return OutcomeApplied.NotBelieved;
            default:
                return null;
        }
    }

    /// <summary>
    /// An STK query's final answer for a transaction the reconciler picked; <paramref name="record"/> writes the
    /// query's timeline entry, with the move when there is one.
    /// </summary>
    public async Task<OutcomeApplied> ApplyQueryAsync(
        long transactionId, StkOutcome outcome, Func<OutcomeApplied, Task> record, CancellationToken cancellationToken)
    {
        var row = await ByCheckout.For(db)(db, transactionId, outcome.CheckoutRequestId, cancellationToken);
        if (row is null)
        {
            await record(OutcomeApplied.UnknownTransaction);
            return OutcomeApplied.UnknownTransaction;
        }

        // A query carries no receipt: it never proves enough to correct a final state.
        return await ApplyAsync(row, outcome, provesPayment: false, record, cancellationToken);
    }

    private async Task<OutcomeApplied> ApplyAsync(
        PaymentRow row, StkOutcome outcome, bool provesPayment, Func<OutcomeApplied, Task> record, CancellationToken cancellationToken)
    {
        var move = new PaymentMove(ResultCodes.ToStatus(outcome.ResultCode), outcome.ResultCode, outcome.ResultDesc, outcome.Receipt,
            outcome.CheckoutRequestId, outcome.MerchantRequestId) { ProvesPayment = provesPayment, Seen = new PaymentSeen(row.Status, row.MerchantId, row.CreatedAt, row.Amount, row.Livemode, row.Heard) };
        var result = await states.MoveAsync(row.Id, move, r => record(ToApplied(r)), cancellationToken);
        switch (result)
        {
            case MoveResult.Moved:
                return OutcomeApplied.Applied;
            case MoveResult.AlreadyRecordedElsewhere:
                // The receipt is unique: one M-Pesa payment is never credited to two transactions.
                await journal.AlertAsync(row.Id, row.MerchantId,
                    $"ALERT: M-Pesa's answer names {(outcome.Receipt is null ? "a checkout id" : $"receipt {outcome.Receipt}, which is")} already recorded on another payment. Not believed: {LeftTo(row)}");
                return OutcomeApplied.NotBelieved;
        }

        var current = await db.Transactions.AsNoTracking().Where(t => t.Id == row.Id)
            .Select(t => new { t.Status, t.ResultCode }).SingleAsync(cancellationToken);
        if (current.ResultCode != outcome.ResultCode)
        {
            await journal.AlertAsync(row.Id, row.MerchantId,
                $"ALERT: M-Pesa now says {outcome.ResultCode} {outcome.ResultDesc}, but the payment was recorded {current.Status} ({current.ResultCode}). Kept as recorded; check with M-Pesa.");
            logger.LogWarning("ALERT: late STK result {ResultCode} for {TransactionId} disagrees with its final state {Status} ({Recorded}); kept",
                outcome.ResultCode, row.PublicId, current.Status, current.ResultCode);
        }
        else
        {
            logger.LogInformation("Duplicate STK result for {TransactionId} ignored", row.PublicId);
        }

        return OutcomeApplied.AlreadyFinal;
    }

    private static OutcomeApplied ToApplied(MoveResult result) => result switch
    {
        MoveResult.Moved => OutcomeApplied.Applied,
        MoveResult.AlreadyRecordedElsewhere => OutcomeApplied.NotBelieved,
        _ => OutcomeApplied.AlreadyFinal,
    };

    /// <summary>
    /// A payment as an answer about it needs it, with whether anything hears of its moves
    /// (<see cref="WebhookOutbox.Heard"/>, asked in the same query). Called inside the compiled queries, where EF
    /// inlines the expression it returns.
    /// </summary>
    private static Expression<Func<PaymentTransaction, PaymentRow>> Row(PortalDbContext db)
    {
        var heard = WebhookOutbox.Heard(db);
        return t => new PaymentRow(
            t.Id, t.PublicId, t.MerchantId, t.CheckoutRequestId, t.Amount, t.Status, t.CreatedAt, t.Livemode, heard.Any(h => h.Id == t.Id));
    }

    /// <summary>What happens to a payment whose answer was not believed.</summary>
    private static string LeftTo(PaymentRow row) => row.Status == TransactionStatuses.Pending
        ? "the payment stays pending until the STK query asks M-Pesa itself."
        : $"the payment stays {row.Status}; check it with M-Pesa.";

    /// <param name="Heard">
    /// Whether anything hears of its moves (<see cref="WebhookOutbox.Heard"/>). When nothing does, the move skips the
    /// outbox's read (<see cref="PaymentMoved.Heard"/>). An endpoint added between this read and the move's commit
    /// misses the event, as one added just after the commit would; the outbox's own read inside the move has the same edge.
    /// </param>
    private sealed record PaymentRow(
        long Id, string PublicId, string MerchantId, string? CheckoutRequestId, long Amount, string Status, DateTimeOffset CreatedAt, bool Livemode, bool Heard);
}
