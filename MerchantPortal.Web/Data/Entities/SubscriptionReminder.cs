namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A reminder email sent (or claimed) for one end date and stage; the unique index makes each one go out once,
/// also with several instances.
/// </summary>
public class SubscriptionReminder
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Days before the end: 7, 3, 1, or 0 for the end itself.</summary>
    public int Stage { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
