namespace MerchantPortal.Web.Data.Entities;

/// <summary>A shareable page where a customer pays a merchant.</summary>
public class PaymentLink
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>Public id (<c>link_…</c>), unique across the portal.</summary>
    public string PublicId { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Fixed amount in whole shillings; null lets the customer choose within Min/Max.</summary>
    public long? Amount { get; set; }

    public long? MinAmount { get; set; }

    public long? MaxAmount { get; set; }

    public string? LogoUrl { get; set; }

    /// <summary>The account paid into; null means the merchant's primary account at payment time.</summary>
    public long? PaymentAccountId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// The short account number (e.g. <c>TEA50</c>) a customer types when paying the paybill from the M-Pesa menu;
    /// unique among the merchant's links that are not deleted. Upper-case letters and digits.
    /// </summary>
    public string AccountCode { get; set; } = "";

    /// <summary>"Collect a total": the sum to reach in any number of payments (school fees in parts); null for a plain link.</summary>
    public long? CollectTotal { get; set; }

    /// <summary>When the collected sum first reached <see cref="CollectTotal"/>; set once, so <c>link.paid</c> is sent once.</summary>
    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Soft delete: the pay page answers 404, transactions keep their link id.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
