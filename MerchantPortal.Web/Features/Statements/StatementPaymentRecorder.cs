using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.C2B;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>A payment the statement shows and the portal lacks, as it is recorded.</summary>
public sealed record StatementPayment(
    string MerchantId, long PaymentAccountId, string Receipt, long Amount, DateTimeOffset PaidAt, string OtherParty, string? AccountNumber);

/// <summary>
/// Records a payment from the M-Pesa menu that only the statement knew of, through <see cref="C2BRecorder"/> (the
/// confirmation's own recording, with source <c>statement</c>): the same row, attribution to a link, timeline entry,
/// day total and outbox events in one database transaction. The unique receipt index is the duplicate rule: a receipt
/// already recorded is not recorded again.
/// </summary>
public sealed class StatementPaymentRecorder(PortalDbContext db, C2BRecorder recorder)
{
    /// <summary>The new payment's id, or null when the receipt was already recorded (by this merchant or another).</summary>
    public async Task<long?> RecordAsync(StatementPayment payment, CancellationToken cancellationToken)
    {
        var account = await db.PaymentAccounts.AsNoTracking()
            .SingleAsync(a => a.Id == payment.PaymentAccountId && a.MerchantId == payment.MerchantId, cancellationToken);
        var (phone, name) = SplitOtherParty(payment.OtherParty);
        var recorded = await recorder.RecordAsync(
            account, new C2BReceived(payment.Receipt, payment.PaidAt, payment.Amount, phone, name, payment.AccountNumber),
            C2BSources.Statement, null, cancellationToken);
        db.ChangeTracker.Clear();
        return recorded.Outcome == C2BRecordOutcome.Recorded
            ? await db.Transactions.Where(t => t.PublicId == recorded.TransactionId).Select(t => (long?)t.Id).SingleAsync(cancellationToken)
            : null;
    }

    /// <summary>The statement's "254712345678 - JANE DOE" (the phone may be masked); a value without the dash is a name.</summary>
    public static (string Phone, string? Name) SplitOtherParty(string otherParty)
    {
        var dash = otherParty.IndexOf(" - ", StringComparison.Ordinal);
        var phone = dash < 0 ? "" : otherParty[..dash].Trim();
        var name = (dash < 0 ? otherParty : otherParty[(dash + 3)..]).Trim();
        return (phone.Length <= 64 ? phone : phone[..64], name.Length == 0 ? null : name.Length <= 200 ? name : name[..200]);
    }
}
