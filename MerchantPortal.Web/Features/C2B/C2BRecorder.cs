using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>
/// A payment made from the M-Pesa menu as it was learnt: from Daraja's confirmation, Pull Transactions or a statement.
/// </summary>
/// <param name="Msisdn">As given: a phone, a masked phone (<c>2547****126</c>) or a hash; never read as a phone.</param>
/// <param name="Amount">As given; Daraja writes whole shillings with two decimals.</param>
public sealed record C2BReceived(string Receipt, DateTimeOffset PaidAt, decimal Amount, string Msisdn, string? PayerName, string? BillRef);

public enum C2BRecordOutcome
{
    Recorded,

    /// <summary>The receipt is recorded already (a repeated confirmation, or a push's own receipt): nothing changed.</summary>
    Duplicate,

    /// <summary>No account has this URL token: nothing recorded.</summary>
    UnknownAccount,

    /// <summary>The payment cannot be a transaction (a receipt longer than M-Pesa's): nothing recorded.</summary>
    Unusable,
}

/// <param name="TransactionId">The transaction (<c>txn_…</c>) recorded now, or the one that already had the receipt.</param>
public sealed record C2BRecorded(C2BRecordOutcome Outcome, string? TransactionId);

/// <summary>
/// Records payments made from the M-Pesa menu, the one rule for the confirmation, Pull Transactions and statement
/// import: a succeeded transaction at once (channel <c>c2b</c>), attributed by <see cref="C2BAttribution"/>, inserted by
/// the payment state machine with its timeline entry, day total and webhook events in one database transaction. A
/// receipt seen before changes nothing: the unique index on receipts decides it, never a check before the insert.
/// </summary>
public sealed class C2BRecorder(
    PortalDbContext db,
    C2BAttribution attribution,
    PaymentStateMachine states,
    TransactionJournal journal,
    ILogger<C2BRecorder> logger)
{
    private const int MaxReceipt = 20;
    private const int MaxPhone = 64;
    private const int MaxBillRef = 100;
    private const int MaxPayerName = 200;

    /// <summary>Daraja's confirmation, routed to its account by the token in its URL.</summary>
    public async Task<C2BRecorded> RecordConfirmationAsync(string token, C2BPayload payload, string rawBody, CancellationToken cancellationToken)
    {
        // A deleted account's confirmation is still money the merchant received: it is recorded all the same.
        var account = await db.PaymentAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.C2BToken == token, cancellationToken);
        if (account is null)
        {
            logger.LogWarning("C2B confirmation {Receipt} for an unknown token ignored", payload.TransId);
            return new C2BRecorded(C2BRecordOutcome.UnknownAccount, null);
        }

        var received = new C2BReceived(payload.TransId, payload.TransTime, payload.Amount, payload.Msisdn, payload.PayerName, payload.BillRefNumber);
        return await RecordAsync(account, received, C2BSources.Confirmation, rawBody, cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="payment"/> on <paramref name="account"/>, learnt from <paramref name="source"/> (one of
    /// <see cref="C2BSources"/>); <paramref name="raw"/> is what told us, kept on the timeline.
    /// </summary>
    public async Task<C2BRecorded> RecordAsync(PaymentAccount account, C2BReceived payment, string source, string? raw, CancellationToken cancellationToken)
    {
        var receipt = payment.Receipt.Trim();
        if (receipt.Length is 0 or > MaxReceipt)
        {
            logger.LogError("ALERT: C2B payment with receipt {Receipt} for account {AccountId} is not a receipt M-Pesa gives; not recorded", receipt, account.Id);
            return new C2BRecorded(C2BRecordOutcome.Unusable, null);
        }

        // Money is whole shillings and Daraja sends only whole amounts; one with cents is recorded as the shillings it
        // holds, rounded down (never more than was paid), with an alert on its timeline for someone to look at.
        var amount = (long)decimal.Floor(payment.Amount);
        var billRef = Cap(payment.BillRef, MaxBillRef);
        var phone = Cap(payment.Msisdn.Trim(), MaxPhone) ?? "";
        // Daraja's times are Nairobi's; PostgreSQL stores an instant and takes only UTC offsets.
        var paidAt = payment.PaidAt.ToUniversalTime();
        var link = await attribution.FindLinkAsync(
            new C2BPaymentFacts(account.MerchantId, account.Id, account.IsPrimary, account.Type, billRef, amount, phone, paidAt), cancellationToken);
        var row = new PaymentTransaction
        {
            MerchantId = account.MerchantId,
            PublicId = Ids.NewTransactionId(),
            PaymentAccountId = account.Id,
            PaymentId = account.PaymentId,
            PaymentLinkId = link?.LinkId,
            LinkPublicId = link?.LinkPublicId,
            Amount = amount,
            Phone = phone,
            Receipt = receipt,
            ResultCode = "0",
            ResultDesc = "Paid from the M-Pesa menu.",
            CallbackToken = Ids.NewCallbackToken(),
            StatusToken = Ids.NewCallbackToken(),
            BusinessShortCode = account.Number,
            CreatedAt = paidAt,
            CompletedAt = paidAt,
            Channel = TransactionChannels.C2B,
            BillRef = billRef,
            PayerName = Cap(payment.PayerName?.Trim(), MaxPayerName) is { Length: > 0 } name ? name : null,
            Source = source,
        };

        var result = await states.RecordPaidAsync(row, () =>
        {
            journal.Received(row, source, raw);
            if (amount != payment.Amount)
            {
                journal.Alert(row, $"ALERT: M-Pesa reports KES {payment.Amount:0.00} paid, with cents; recorded as KES {amount:N0} (rounded down). Check the payment against your M-Pesa statement.");
            }
        }, cancellationToken, link?.IntentId is null ? null : async () =>
        {
            // A till payment matched by the pay page's intent: one intent pays one payment. When another payment took
            // it first (two payments of the same amount from one phone at once), this one stays unattributed.
            if (!await attribution.ClaimAsync(link, row.Id, cancellationToken))
            {
                row.PaymentLinkId = null;
                row.LinkPublicId = null;
                await db.SaveChangesAsync(cancellationToken);
            }
        });
        if (result == MoveResult.Moved)
        {
            return new C2BRecorded(C2BRecordOutcome.Recorded, row.PublicId);
        }

        return new C2BRecorded(C2BRecordOutcome.Duplicate, await DuplicateOfAsync(account, receipt, cancellationToken));
    }

    /// <summary>The transaction that has the receipt already; an alert in the log when it is another account's.</summary>
    private async Task<string?> DuplicateOfAsync(PaymentAccount account, string receipt, CancellationToken cancellationToken)
    {
        var existing = await db.AllTransactions.AsNoTracking().Where(t => t.Receipt == receipt)
            .Select(t => new { t.PublicId, t.PaymentAccountId }).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null && existing.PaymentAccountId != account.Id)
        {
            logger.LogError("ALERT: C2B receipt {Receipt} for account {AccountId} is already recorded on another account's payment; not recorded again", receipt, account.Id);
            return null;
        }

        logger.LogInformation("C2B receipt {Receipt} already recorded as {TransactionId}: nothing changed", receipt, existing?.PublicId);
        return existing?.PublicId;
    }

    private static string? Cap(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
