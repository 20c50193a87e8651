namespace MerchantPortal.Web.Data.Entities;

/// <summary>One administrative action: who, what, when, and the state before and after. Append-only.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    /// <summary>A stable verb such as <c>subscription.extend</c> or <c>merchant.suspend</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The merchant's public id, the plan's public id, or the promoted user's.</summary>
    public string Target { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }
}
