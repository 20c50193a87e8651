namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// How many of one merchant's payments created on one Nairobi day are now in one state, and their amount. Kept by
/// <c>PaymentStateMachine</c> in each move's transaction, so the dashboard reads 30 days × a few states instead of
/// the month's payments. Pending payments have no row: they are few and short-lived, counted live, and the push's
/// insert writes nothing here. A day and state is spread over <see cref="Slots"/> rows (a payment's slot is its id modulo
/// the count): every settling payment of a merchant updated one row, so under load each waited for the one before to
/// commit (two seconds a callback at 32 callers). Readers sum the slots.
/// </summary>
public class PaymentDayTotal : IModeOwned
{
    public string MerchantId { get; set; } = "";

    /// <summary>The Nairobi calendar day the payment was created (its day on the dashboard, however late it settles).</summary>
    public DateOnly Day { get; set; }

    public string Status { get; set; } = "";

    /// <summary>How many rows a merchant's day and state is spread over, so that concurrent moves rarely share a row.</summary>
    public const int Slots = 8;

    /// <summary>0 to <see cref="Slots"/> − 1: the payment's id modulo <see cref="Slots"/> (rows backfilled before slots: 0).</summary>
    public short Slot { get; set; }

    /// <summary>Live and test payments are counted apart (part of the key).</summary>
    public bool Livemode { get; set; } = true;

    public int Count { get; set; }

    public long Amount { get; set; }
}
