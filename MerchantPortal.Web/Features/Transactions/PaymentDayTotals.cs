using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// Keeps <see cref="PaymentDayTotal"/> rows as payments move: one UPSERT that PostgreSQL and SQLite (3.35+) both take,
/// run by <see cref="PaymentStateMachine"/> inside the move's transaction, so a total changes exactly when a status does.
/// Its row lock is held until the commit, so it is the move's last statement, and the payment's slot spreads one
/// merchant's concurrent moves over <see cref="PaymentDayTotal.Slots"/> rows.
/// </summary>
public sealed class PaymentDayTotals(PortalDbContext db)
{
    /// <summary>Adds the payment to its new state's total and takes it from its old one (pending has no total).</summary>
    public Task MoveAsync(
        long transactionId, string merchantId, bool livemode, DateTimeOffset createdAt, long amount, string from, string to,
        CancellationToken cancellationToken)
    {
        var day = Nairobi.DayOf(createdAt);
        var slot = (short)(transactionId % PaymentDayTotal.Slots);
        return from == TransactionStatuses.Pending
            ? db.Database.ExecuteSqlAsync($"""
                INSERT INTO "PaymentDayTotals" ("MerchantId", "Livemode", "Day", "Status", "Slot", "Count", "Amount")
                VALUES ({merchantId}, {livemode}, {day}, {to}, {slot}, 1, {amount})
                ON CONFLICT ("MerchantId", "Livemode", "Day", "Status", "Slot") DO UPDATE
                SET "Count" = "PaymentDayTotals"."Count" + excluded."Count", "Amount" = "PaymentDayTotals"."Amount" + excluded."Amount"
                """, cancellationToken)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO "PaymentDayTotals" ("MerchantId", "Livemode", "Day", "Status", "Slot", "Count", "Amount")
                VALUES ({merchantId}, {livemode}, {day}, {to}, {slot}, 1, {amount}), ({merchantId}, {livemode}, {day}, {from}, {slot}, -1, {-amount})
                ON CONFLICT ("MerchantId", "Livemode", "Day", "Status", "Slot") DO UPDATE
                SET "Count" = "PaymentDayTotals"."Count" + excluded."Count", "Amount" = "PaymentDayTotals"."Amount" + excluded."Amount"
                """, cancellationToken);
    }
}
