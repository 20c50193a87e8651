namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// How many of one merchant's payments created on one Nairobi day are now in one state, and their amount. Kept by
/// <c>PaymentStateMachine</c> in each move's transaction, so the dashboard reads 30 days × a few states instead of
/// the month's payments. Pending payments have no row: they are few and short-lived, counted live, and the push's
/// insert writes nothing here.
/// </summary>
public class PaymentDayTotal
{
    public string MerchantId { get; set; } = "";

    /// <summary>The Nairobi calendar day the payment was created (its day on the dashboard, however late it settles).</summary>
    public DateOnly Day { get; set; }

    public string Status { get; set; } = "";

    public int Count { get; set; }

    public long Amount { get; set; }
}
