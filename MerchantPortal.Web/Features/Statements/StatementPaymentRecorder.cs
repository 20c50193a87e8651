using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>A payment the statement shows and the portal lacks, as it is recorded.</summary>
public sealed record StatementPayment(
    string MerchantId, long PaymentAccountId, string Receipt, long Amount, DateTimeOffset PaidAt, string OtherParty, string? AccountNumber);

/// <summary>
/// Records a payment from the M-Pesa menu that only the statement knew of, already succeeded, with source
/// <c>statement</c>. This is the one place statement import writes a payment: at merge it is wired to the C2B
/// confirmation's recording, which writes the same row, timeline entry, day total and outbox events. Until then it
/// does what a move to succeeded does, in one database transaction. The unique receipt index is the duplicate rule:
/// a receipt already recorded is not recorded again.
/// </summary>
public sealed class StatementPaymentRecorder(
    PortalDbContext db, IEnumerable<IPaymentMoveHandler> handlers, PaymentDayTotals dayTotals, TimeProvider time)
{
    /// <summary>The new payment's id, or null when the receipt was already recorded (by this merchant or another).</summary>
    public async Task<long?> RecordAsync(StatementPayment payment, CancellationToken cancellationToken)
    {
        var account = await db.PaymentAccounts.AsNoTracking().Where(a => a.Id == payment.PaymentAccountId && a.MerchantId == payment.MerchantId)
            .Select(a => new { a.Sequence, a.Number }).SingleAsync(cancellationToken);
        var (phone, name) = SplitOtherParty(payment.OtherParty);
        var row = new PaymentTransaction
        {
            MerchantId = payment.MerchantId,
            PublicId = Ids.NewTransactionId(),
            PaymentAccountId = payment.PaymentAccountId,
            PaymentId = PaymentAccount.FormatPaymentId(account.Sequence),
            Amount = payment.Amount,
            Phone = phone,
            Status = TransactionStatuses.Succeeded,
            ResultCode = "0",
            ResultDesc = "Added from an imported M-Pesa statement.",
            Receipt = payment.Receipt,
            CallbackToken = Ids.NewCallbackToken(),
            StatusToken = Ids.NewCallbackToken(),
            BusinessShortCode = account.Number,
            CreatedAt = payment.PaidAt,
            CompletedAt = payment.PaidAt,
            Channel = TransactionChannels.C2B,
            BillRef = payment.AccountNumber,
            PayerName = name,
            Source = C2BSources.Statement,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Transactions.Add(row);
        db.TransactionEvents.Add(new TransactionEvent
        {
            Transaction = row,
            MerchantId = row.MerchantId,
            At = time.GetUtcNow(),
            Kind = TransactionEventKinds.Created,
            Summary = $"Payment of KES {row.Amount:N0} from the M-Pesa menu, receipt {row.Receipt}, added by the merchant from an imported M-Pesa statement.",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is not null)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return null;
        }

        // What a move from pending to succeeded raises (transaction.succeeded to the merchant's endpoints), and its day's total.
        var moved = new PaymentMoved(row.Id, row.MerchantId, TransactionStatuses.Pending, TransactionStatuses.Succeeded);
        foreach (var handler in handlers)
        {
            await handler.OnMovedAsync(moved, cancellationToken);
        }

        await dayTotals.MoveAsync(row.MerchantId, row.CreatedAt, row.Amount, TransactionStatuses.Pending, TransactionStatuses.Succeeded, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return row.Id;
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
