using Microsoft.AspNetCore.Identity;

namespace MerchantPortal.Web.Data.Entities;

/// <summary>A merchant is the Identity user: one sign-in, one tenant.</summary>
public class Merchant : IdentityUser
{
    /// <summary>The public id shown in the API and in pay-page URLs (<c>u_…</c>).</summary>
    public string PublicId { get; set; } = "";

    /// <summary>Normalised MSISDN (<c>2547XXXXXXXX</c>), or null.</summary>
    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string SubscriptionStatus { get; set; } = SubscriptionStatuses.Trial;

    public DateTimeOffset SubscriptionExpiresAt { get; set; }
}

public static class SubscriptionStatuses
{
    public const string Trial = "trial";
    public const string Active = "active";
    public const string PastDue = "past_due";
    public const string Expired = "expired";
    public const string Suspended = "suspended";
}
