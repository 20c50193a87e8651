namespace MerchantPortal.Web.Data.Entities;

/// <summary>One STK push and its outcome. Money is whole shillings.</summary>
public class PaymentTransaction
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>Public id (<c>txn_…</c>).</summary>
    public string PublicId { get; set; } = "";

    public long PaymentAccountId { get; set; }

    /// <summary>Copied from the account at push time, so history survives account edits.</summary>
    public string PaymentId { get; set; } = "";

    public long? PaymentLinkId { get; set; }

    public string? LinkPublicId { get; set; }

    public long Amount { get; set; }

    public string Phone { get; set; } = "";

    public string Status { get; set; } = TransactionStatuses.Pending;

    public string? ResultCode { get; set; }

    public string? ResultDesc { get; set; }

    public string? Receipt { get; set; }

    public string? MerchantRequestId { get; set; }

    public string? CheckoutRequestId { get; set; }

    /// <summary>Unguessable token in the Daraja callback URL; routes and authenticates the callback.</summary>
    public string CallbackToken { get; set; } = "";

    /// <summary>Unguessable token the customer's pay page polls with (never the transaction id).</summary>
    public string StatusToken { get; set; } = "";

    /// <summary>
    /// api_stk's optional <c>callback_url</c>: where the merchant wants this payment's final event, besides their
    /// webhook endpoints. Not Daraja's callback (see <see cref="CallbackToken"/>).
    /// </summary>
    public string? CallbackUrl { get; set; }

    public string BusinessShortCode { get; set; } = "";

    public string AccountReference { get; set; } = "";

    /// <summary>
    /// What the merchant's script said the payment was for (<c>api_stk</c>'s <c>description</c>, as sent to Daraja as
    /// TransactionDesc). Null when none was given; pay-page payments have none (see <c>PaymentService.PayFromLinkAsync</c>).
    /// </summary>
    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the reconciler should next ask Daraja about this pending push (STK query).</summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    public int QueryCount { get; set; }
}

public static class TransactionStatuses
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Timeout = "timeout";

    /// <summary>M-Pesa gave no answer within the reconciliation horizon; a late answer can still settle it.</summary>
    public const string Unknown = "unknown";

    public static readonly string[] All = [Pending, Succeeded, Failed, Cancelled, Timeout, Unknown];
}
