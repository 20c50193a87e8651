namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A request to give a paid payment's money back through M-Pesa's Reversal API: whole amounts only (M-Pesa reverses
/// whole transactions). It waits for a second member's approval when the business asks for one, then is sent; M-Pesa's
/// asynchronous result (or its queue timeout) settles it. At most one reversal of a payment is ever under way or
/// succeeded: a unique index over the payment's rows that have not failed decides, also between instances.
/// </summary>
public class PaymentReversal
{
    public long Id { get; set; }

    /// <summary>The public id (<c>rev_…</c>), also the OriginatorConversationID sent to M-Pesa's records as the Occasion.</summary>
    public string PublicId { get; set; } = "";

    public string MerchantId { get; set; } = "";

    public long TransactionId { get; set; }

    /// <summary>One of <see cref="ReversalStatuses"/>.</summary>
    public string Status { get; set; } = ReversalStatuses.AwaitingApproval;

    public string Reason { get; set; } = "";

    /// <summary>The person who asked (a sign-in's id).</summary>
    public string RequestedById { get; set; } = "";

    /// <summary>The second member who approved (a sign-in's id), or null (not yet, or none was needed).</summary>
    public string? ApprovedById { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>When the Reversal API was last called.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// How many times the Reversal API was called for it: more than once only when M-Pesa gave no result (or timed
    /// out in its queue) and it was asked again, which M-Pesa answers with the first outcome or "already reversed".
    /// </summary>
    public int Attempts { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>M-Pesa's ConversationID for the request, once it accepted it.</summary>
    public string? ConversationId { get; set; }

    /// <summary>160 random bits in the result and queue-timeout URLs given to M-Pesa: who knows it may settle this reversal.</summary>
    public string CallbackToken { get; set; } = "";

    public string? ResultCode { get; set; }

    public string? ResultDesc { get; set; }
}

public static class ReversalStatuses
{
    /// <summary>Asked for; a second owner or admin has to approve it before M-Pesa is asked (shown as pending).</summary>
    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>Sent to M-Pesa (or being sent); its result is awaited.</summary>
    public const string Pending = "pending";

    public const string Succeeded = "succeeded";

    /// <summary>Declined by an approver, refused by M-Pesa, or timed out in its queue: the payment stands, and may be asked again.</summary>
    public const string Failed = "failed";
}
