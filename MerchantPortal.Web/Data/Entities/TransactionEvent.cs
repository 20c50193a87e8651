namespace MerchantPortal.Web.Data.Entities;

/// <summary>One step in a transaction's life (created, pushed, callback, query), kept for the timeline and support.</summary>
public class TransactionEvent
{
    public long Id { get; set; }

    public long TransactionId { get; set; }

    public PaymentTransaction? Transaction { get; set; }

    public string MerchantId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>One of <see cref="TransactionEventKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>
    /// The raw exchange: a callback's body as received, or our push/query request (without the password) and
    /// Daraja's status and body.
    /// </summary>
    public string? Payload { get; set; }
}

public static class TransactionEventKinds
{
    public const string Created = "created";
    public const string Pushed = "pushed";
    public const string Callback = "callback";
    public const string Query = "query";
    public const string Alert = "alert";

    /// <summary>A step of a reversal of the payment.</summary>
    public const string Reversal = "reversal";
    public const string Unknown = "unknown";

    /// <summary>A payment made from the M-Pesa menu, as Daraja's confirmation (or Pull Transactions, a statement) told it.</summary>
    public const string Confirmation = "confirmation";
    public const string Pull = "pull";
    public const string Statement = "statement";
}
