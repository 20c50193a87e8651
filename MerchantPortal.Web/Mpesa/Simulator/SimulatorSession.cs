namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>One accepted STK push and what the simulated customer does with it.</summary>
public sealed class SimulatorSession
{
    private int _claimed;
    private int _attempts;
    private int _delivered;
    private int _queries;

    public required string MerchantRequestId { get; init; }

    public required string CheckoutRequestId { get; init; }

    public required string BusinessShortCode { get; init; }

    public required string TransactionType { get; init; }

    public required decimal Amount { get; init; }

    public required string PartyA { get; init; }

    public required string PartyB { get; init; }

    public required string PhoneNumber { get; init; }

    public required string CallbackUrl { get; init; }

    public required string AccountReference { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>When the customer answers: the query turns final and the callback is due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When the callback is POSTed, if later than <see cref="DueAt"/> (a late-callback fault).</summary>
    public DateTimeOffset? CallbackAt { get; init; }

    public required SimulatorOutcome Outcome { get; init; }

    /// <summary>How many callbacks will be POSTed (0 when suppressed, 2 when duplicated).</summary>
    public required int CallbackCount { get; init; }

    /// <summary>Set for successful outcomes only.</summary>
    public string? ReceiptNumber { get; init; }

    public int CallbackAttempts => Volatile.Read(ref _attempts);

    /// <summary>Callbacks that the receiver answered with a 2xx status.</summary>
    public int CallbacksDelivered => Volatile.Read(ref _delivered);

    public bool IsDecided(DateTimeOffset now) => now >= DueAt;

    internal bool IsCallbackDue(DateTimeOffset now) => now >= (CallbackAt ?? DueAt);

    /// <summary>Counts an STK query about this session and answers its number (1 for the first).</summary>
    internal int CountQuery() => Interlocked.Increment(ref _queries);

    internal bool IsClaimed => Volatile.Read(ref _claimed) == 1;

    internal bool TryClaimDelivery() => Interlocked.Exchange(ref _claimed, 1) == 0;

    internal void RecordAttempt(bool delivered)
    {
        Interlocked.Increment(ref _attempts);
        if (delivered)
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
