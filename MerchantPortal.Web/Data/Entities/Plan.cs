namespace MerchantPortal.Web.Data.Entities;

/// <summary>What the operator charges merchants for the portal: a price in whole shillings per period.</summary>
public class Plan
{
    public long Id { get; set; }

    /// <summary>Public id (<c>plan_…</c>), the <c>plan_id</c> of the JSON actions.</summary>
    public string PublicId { get; set; } = "";

    public string Name { get; set; } = "";

    public long Price { get; set; }

    public int PeriodDays { get; set; }

    /// <summary>Inactive plans are not offered; merchants already on one can still renew it.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The plan new merchants are on (exactly one).</summary>
    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
