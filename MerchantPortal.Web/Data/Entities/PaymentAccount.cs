namespace MerchantPortal.Web.Data.Entities;

/// <summary>An M-Pesa paybill or till a merchant collects into.</summary>
public class PaymentAccount
{
    public long Id { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>Per-merchant sequence behind the public payment_id (<c>#00001</c>).</summary>
    public int Sequence { get; set; }

    public string Type { get; set; } = PaymentAccountTypes.Paybill;

    public string Number { get; set; } = "";

    public string? AccountReference { get; set; }

    public bool IsPrimary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The account's own Daraja app: an identifier, stored plain. Null = the portal's configured app.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The consumer secret as Data Protection ciphertext; never shown again after it is saved.</summary>
    public string? ConsumerSecretProtected { get; set; }

    /// <summary>The Lipa na M-Pesa passkey as Data Protection ciphertext.</summary>
    public string? PasskeyProtected { get; set; }

    /// <summary>The M-Pesa organisation portal's API operator (initiator) with the reversal role, for reversals.</summary>
    public string? InitiatorName { get; set; }

    /// <summary>
    /// The initiator's security credential (its password encrypted with Safaricom's certificate, base64, as the Daraja
    /// portal generates it), encrypted again at rest with Data Protection like the other secrets.
    /// </summary>
    public string? InitiatorCredentialProtected { get; set; }

    /// <summary>For a till: the head-office/store shortcode sent as BusinessShortCode (PartyB stays the till).</summary>
    public string? StoreNumber { get; set; }

    public DateTimeOffset? CredentialsUpdatedAt { get; set; }

    /// <summary>Soft delete: transactions keep pointing at the row (FK Restrict), so their history survives.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// Unguessable token in this account's C2B confirmation and validation URLs (<c>/hooks/c2b/{token}/…</c>); it
    /// routes a confirmation to this account and so to its merchant. Set when the URLs are first registered.
    /// </summary>
    public string? C2BToken { get; set; }

    /// <summary>Whether the validation URL is registered too, so the portal may refuse a payment (off, as in Daraja).</summary>
    public bool C2BValidation { get; set; }

    /// <summary>What Daraja does when the validation URL does not answer in time: <c>Completed</c> or <c>Cancelled</c>.</summary>
    public string C2BResponseType { get; set; } = "Completed";

    /// <summary>When Daraja last answered a registration of the C2B URLs (null: never tried).</summary>
    public DateTimeOffset? C2BRegisteredAt { get; set; }

    /// <summary>Whether that answer accepted the URLs.</summary>
    public bool C2BRegistrationOk { get; set; }

    /// <summary>Daraja's answer to the last registration, as shown on the account page.</summary>
    public string? C2BRegistrationAnswer { get; set; }

    /// <summary>Whether the Pull Transactions worker recovers missed confirmations for this account.</summary>
    public bool PullEnabled { get; set; }

    /// <summary>The organisation's nominated phone number that Pull Transactions registration asks for.</summary>
    public string? PullNominatedNumber { get; set; }

    /// <summary>When Pull Transactions registration was last answered, and whether and how.</summary>
    public DateTimeOffset? PullRegisteredAt { get; set; }

    public bool PullRegistrationOk { get; set; }

    public string? PullRegistrationAnswer { get; set; }

    /// <summary>The end of the last window the worker pulled completely; the next pull starts a little before it.</summary>
    public DateTimeOffset? PullCheckedUntil { get; set; }

    public string PaymentId => FormatPaymentId(Sequence);

    public static string FormatPaymentId(int sequence) => $"#{sequence:D5}";
}

public static class PaymentAccountTypes
{
    public const string Paybill = "paybill";
    public const string Till = "till";

    /// <summary>How a list names an account: "#00001 · Till 5123456".</summary>
    public static string Label(string paymentId, string type, string number) =>
        $"{paymentId} · {(type == Till ? "Till" : "Paybill")} {number}";
}
