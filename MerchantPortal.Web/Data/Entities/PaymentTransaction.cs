namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// One payment into a merchant's account: an STK push the portal started and its outcome, or (channel <c>c2b</c>) a
/// payment the customer made from their own M-Pesa menu, recorded already paid. Money is whole shillings.
/// </summary>
public class PaymentTransaction : IModeOwned
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
    /// The idempotency claim (<see cref="IdempotencyRecord.Id"/>) of the request that started this payment, when it
    /// carried a key: a retry whose first request's instance died before answering is answered with this payment.
    /// Not a foreign key (claims are deleted after a day).
    /// </summary>
    public long? IdempotencyRecordId { get; set; }

    /// <summary>The person who asked for this push from a session (the counter, a signed-in api_stk), or null.</summary>
    public string? InitiatedById { get; set; }

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

    /// <summary>How the money came: one of <see cref="TransactionChannels"/>.</summary>
    public string Channel { get; set; } = TransactionChannels.Stk;

    /// <summary>C2B only: the account number the customer typed (Daraja's BillRefNumber), as given; null for pushes.</summary>
    public string? BillRef { get; set; }

    /// <summary>C2B only: the payer's name as M-Pesa gives it (first, middle, last); null for pushes.</summary>
    public string? PayerName { get; set; }

    /// <summary>C2B only: how the portal learnt of the payment, one of <see cref="C2BSources"/>; null for pushes.</summary>
    public string? Source { get; set; }

    /// <summary>Live money (true) or a test payment through the built-in simulator (false); never changes.</summary>
    public bool Livemode { get; set; } = true;
}

public static class TransactionChannels
{
    /// <summary>An STK push the portal started (api_stk, a pay page, a renewal).</summary>
    public const string Stk = "stk";

    /// <summary>Paid from the customer's M-Pesa menu (Buy Goods or Pay Bill) and confirmed to the portal.</summary>
    public const string C2B = "c2b";

    public static readonly string[] All = [Stk, C2B];
}

public static class C2BSources
{
    /// <summary>Daraja's confirmation POST to the account's registered URL.</summary>
    public const string Confirmation = "confirmation";

    /// <summary>Recovered by the Pull Transactions worker: the confirmation never arrived.</summary>
    public const string Pull = "pull";

    /// <summary>Added by the merchant from an imported M-Pesa statement.</summary>
    public const string Statement = "statement";
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

    /// <summary>Paid, then given back by an M-Pesa reversal (<see cref="PaymentReversal"/>): the one move out of succeeded.</summary>
    public const string Reversed = "reversed";

    public static readonly string[] All = [Pending, Succeeded, Failed, Cancelled, Timeout, Unknown, Reversed];
}
