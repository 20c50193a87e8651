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

    /// <summary>For a till: the head-office/store shortcode sent as BusinessShortCode (PartyB stays the till).</summary>
    public string? StoreNumber { get; set; }

    public DateTimeOffset? CredentialsUpdatedAt { get; set; }

    /// <summary>Soft delete: transactions keep pointing at the row (FK Restrict), so their history survives.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

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
