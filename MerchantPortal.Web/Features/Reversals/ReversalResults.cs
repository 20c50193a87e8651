using System.Text.Json;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>What M-Pesa posted for a reversal: its result (ResultCode 0 is success) or a queue timeout.</summary>
public sealed record ReversalOutcome(string ResultCode, string ResultDesc, string? ReversalReceipt);

/// <summary>
/// Settles a reversal from M-Pesa's asynchronous answer. Success moves the payment from succeeded to reversed through
/// the payment state machine, with the reversal's own update and the <c>transaction.reversed</c> event in the same
/// database transaction; a failure (or the last attempt's queue timeout) fails the reversal and leaves the payment
/// paid. Only a pending reversal is settled, so a repeated callback changes nothing.
/// </summary>
public sealed class ReversalResults(PortalDbContext db, PaymentStateMachine payments, TransactionJournal journal, TimeProvider time,
    ILogger<ReversalResults> logger)
{
    public const string TimeoutCode = "queue_timeout";

    /// <summary>M-Pesa's "the transaction has already been reversed": the money is back with the customer all the same.</summary>
    public const string AlreadyReversedCode = "R000001";

    /// <summary>Reads Daraja's <c>{"Result": {...}}</c>; null when it is not one.</summary>
    public static ReversalOutcome? Read(JsonElement body, bool timeout)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("Result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = result.TryGetProperty("ResultCode", out var c) ? c.ValueKind switch
        {
            JsonValueKind.Number => c.GetRawText(),
            JsonValueKind.String => c.GetString(),
            _ => null,
        } : null;
        var description = result.TryGetProperty("ResultDesc", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "";
        var receipt = result.TryGetProperty("TransactionID", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (timeout)
        {
            return new ReversalOutcome(TimeoutCode, description.Length > 0 ? description : "The request timed out in M-Pesa's queue.", null);
        }

        return string.IsNullOrWhiteSpace(code) ? null : new ReversalOutcome(code.Trim(), description, receipt);
    }

    /// <returns>False when no pending reversal has this token (unknown, or settled already).</returns>
    public async Task<bool> SettleAsync(string token, ReversalOutcome outcome, string rawBody, CancellationToken cancellationToken)
    {
        var reversal = await db.Reversals.AsNoTracking().SingleOrDefaultAsync(r => r.CallbackToken == token, cancellationToken);
        if (reversal is null || reversal.Status != ReversalStatuses.Pending)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var description = outcome.ResultDesc;
        // A queue timeout says M-Pesa did not get to it, but a late success is possible: it is asked again (M-Pesa
        // answers "already reversed" if it did) until the last attempt, whose timeout fails it.
        if (outcome.ResultCode == TimeoutCode && reversal.Attempts < ReversalResender.MaxAttempts)
        {
            var noted = await ReversalRows.NoteAsync(db, reversal.Id,
                $"Timed out in M-Pesa's queue (attempt {reversal.Attempts}): it is asked again.", cancellationToken);
            await journal.ReversalAsync(reversal.TransactionId, reversal.MerchantId,
                $"The reversal timed out in M-Pesa's queue (attempt {reversal.Attempts}); it will be asked again.", rawBody);
            return noted;
        }


        // Already reversed (from the organisation portal, say) is still a reversed payment: recorded as one.
        if (outcome.ResultCode is not ("0" or AlreadyReversedCode))
        {
            var failed = await ReversalRows.FailAsync(db, reversal.Id, outcome.ResultCode, description, now, cancellationToken);
            if (failed)
            {
                await journal.ReversalAsync(reversal.TransactionId, reversal.MerchantId,
                    $"Reversal failed: {outcome.ResultCode} {outcome.ResultDesc} The payment stands.", rawBody);
            }

            return failed;
        }

        var settled = false;
        MoveResult moved;
        try
        {
            moved = await payments.MoveAsync(reversal.TransactionId, new PaymentMove(TransactionStatuses.Reversed), async result =>
            {
                if (result != MoveResult.Moved)
                {
                    return;
                }

                // Inside the move's transaction: the reversal succeeds with the payment's move, or neither happens
                // (another answer settled the reversal first: the move is rolled back by the throw).
                settled = await ReversalRows.SucceedAsync(db, reversal.Id, outcome.ResultCode, description, now, cancellationToken);
                if (!settled)
                {
                    throw new ReversalSettledElsewhereException();
                }

                await journal.ReversalAsync(reversal.TransactionId, reversal.MerchantId,
                    $"Reversed by M-Pesa{(outcome.ReversalReceipt is null ? "" : $" ({outcome.ReversalReceipt})")}: the money went back to the customer.", rawBody);
            }, cancellationToken);
        }
        catch (ReversalSettledElsewhereException)
        {
            return false;
        }

        if (moved != MoveResult.Moved)
        {
            logger.LogError("ALERT: reversal {ReversalId} succeeded at M-Pesa but its payment could not move to reversed", reversal.PublicId);
        }

        return settled;
    }
}

/// <summary>Thrown inside a payment's move to roll it back: its reversal was settled by another answer meanwhile.</summary>
internal sealed class ReversalSettledElsewhereException : Exception;
