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

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Soft delete: the pay page answers 404, transactions keep their link id.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
