namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A customer on a link's pay page chose "Pay from the M-Pesa menu instead" for a till: a till payment carries no
/// account number, so a C2B payment of this amount into this account from this phone, soon after, is attributed
/// to the link through this row.
/// </summary>
public class MenuPaymentIntent
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    public long PaymentAccountId { get; set; }

    public long PaymentLinkId { get; set; }

    public long Amount { get; set; }

    /// <summary>The phone the customer gave on the page (2547XXXXXXXX).</summary>
    public string Phone { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The C2B payment attributed through this intent; null while none has matched.</summary>
    public long? TransactionId { get; set; }
}
