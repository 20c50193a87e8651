namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A merchant paying the operator for a plan. The money moves as an ordinary <see cref="PaymentTransaction"/>
/// of the platform tenant (same state machine and reconciliation); this row says whose subscription it pays for.
/// </summary>
public class SubscriptionPayment
{
    public long TransactionId { get; set; }

    public PaymentTransaction? Transaction { get; set; }

    /// <summary>The paying merchant.</summary>
    public string MerchantId { get; set; } = "";

    public long PlanId { get; set; }

    /// <summary>Copied at push time, so a later plan edit cannot change what was paid for.</summary>
    public string PlanName { get; set; } = "";

    public int PeriodDays { get; set; }

    /// <summary>The period this payment added, set once when it succeeded.</summary>
    public DateTimeOffset? PeriodStart { get; set; }

    public DateTimeOffset? PeriodEnd { get; set; }
}
