using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>What M-Pesa said about one push, from a callback or a query.</summary>
public sealed record StkOutcome(
    string CheckoutRequestId,
    string? MerchantRequestId,
    string ResultCode,
    string? ResultDesc,
    string? Receipt,
    long? Amount);

public enum OutcomeApplied
{
    Applied,
    AlreadyFinal,
    UnknownTransaction,
    Mismatch,
}

/// <summary>
/// Moves a transaction out of pending exactly once, with a conditional update; a repeat or late answer
/// changes nothing, and one that disagrees with the recorded final state is logged as an alert.
/// </summary>
public sealed class TransactionOutcomeService(
    PortalDbContext db,
    TransactionJournal journal,
    Webhooks.WebhookOutbox outbox,
    Subscriptions.SubscriptionLedger subscriptions,
    TimeProvider time,
    ILogger<TransactionOutcomeService> logger)
{
    /// <summary>A callback, routed by the token in its URL.</summary>
    public async Task<OutcomeApplied> ApplyCallbackAsync(string callbackToken, StkOutcome outcome, string rawBody, CancellationToken cancellationToken)
    {
        var row = await db.Transactions.AsNoTracking()
            .Where(t => t.CallbackToken == callbackToken)
            .Select(t => new PendingRow(t.Id, t.PublicId, t.MerchantId, t.CheckoutRequestId, t.Amount))
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            // Checkout ids end with the customer's phone digits: they stay out of the logs.
            logger.LogWarning("STK callback for an unknown token ignored (merchant request {MerchantRequestId})", outcome.MerchantRequestId);
            return OutcomeApplied.UnknownTransaction;
        }

        if (row.CheckoutRequestId is not null && row.CheckoutRequestId != outcome.CheckoutRequestId)
        {
            logger.LogWarning("STK callback for {TransactionId} names another checkout id: ignored", row.PublicId);
            await journal.CallbackAsync(row.Id, row.MerchantId, outcome, OutcomeApplied.Mismatch, rawBody);
            return OutcomeApplied.Mismatch;
        }

        var applied = await ApplyAsync(row, outcome, cancellationToken);
        await journal.CallbackAsync(row.Id, row.MerchantId, outcome, applied, rawBody);
        return applied;
    }

    /// <summary>An STK query's final answer for a transaction the reconciler picked.</summary>
    public async Task<OutcomeApplied> ApplyQueryAsync(long transactionId, StkOutcome outcome, CancellationToken cancellationToken)
    {
        var row = await db.Transactions.AsNoTracking()
            .Where(t => t.Id == transactionId && t.CheckoutRequestId == outcome.CheckoutRequestId)
            .Select(t => new PendingRow(t.Id, t.PublicId, t.MerchantId, t.CheckoutRequestId, t.Amount))
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? OutcomeApplied.UnknownTransaction : await ApplyAsync(row, outcome, cancellationToken);
    }

    private async Task<OutcomeApplied> ApplyAsync(PendingRow row, StkOutcome outcome, CancellationToken cancellationToken)
    {
        var status = ResultCodes.ToStatus(outcome.ResultCode);
        if (status == TransactionStatuses.Succeeded && outcome.Amount is { } paid && paid != row.Amount)
        {
            logger.LogError("ALERT: M-Pesa reports {Paid} paid on {TransactionId} for {Amount}", paid, row.PublicId, row.Amount);
        }

        var now = time.GetUtcNow();
        var receipt = status == TransactionStatuses.Succeeded ? outcome.Receipt : null;
        int changed;
        try
        {
            // The state change, the webhook events it raises and a paid subscription's extension commit together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            changed = await db.Transactions
                .Where(t => t.Id == row.Id && (t.Status == TransactionStatuses.Pending || t.Status == TransactionStatuses.Unknown))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, status)
                    .SetProperty(t => t.ResultCode, outcome.ResultCode)
                    .SetProperty(t => t.ResultDesc, outcome.ResultDesc)
                    .SetProperty(t => t.Receipt, receipt)
                    .SetProperty(t => t.CompletedAt, now)
                    .SetProperty(t => t.CheckoutRequestId, t => t.CheckoutRequestId ?? outcome.CheckoutRequestId)
                    .SetProperty(t => t.MerchantRequestId, t => t.MerchantRequestId ?? outcome.MerchantRequestId),
                    cancellationToken);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(row.Id, cancellationToken);
                if (status == TransactionStatuses.Succeeded)
                {
                    await subscriptions.OnSucceededAsync(row.Id, row.MerchantId, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // The receipt is unique: the same M-Pesa payment cannot be credited to two transactions.
            logger.LogError(ex, "ALERT: receipt {Receipt} for {TransactionId} is already recorded elsewhere", receipt, row.PublicId);
            return OutcomeApplied.Mismatch;
        }

        if (changed == 1)
        {
            logger.LogInformation("Transaction {TransactionId} is {Status} ({ResultCode})", row.PublicId, status, outcome.ResultCode);
            return OutcomeApplied.Applied;
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

    private sealed record PendingRow(long Id, string PublicId, string MerchantId, string? CheckoutRequestId, long Amount);
}
