using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Summary, string? Payload);

/// <summary>Writes and reads a transaction's timeline: what we asked M-Pesa and what it answered, and when.</summary>
public sealed class TransactionJournal(PortalDbContext db, TimeProvider time)
{
    private const int MaxSummary = 400;
    private const int MaxPayload = 16_000;

    /// <summary>
    /// A pushed payment's first step, "created". It is not stored: it says nothing the payment's row does not, and the
    /// row cannot exist without it, so the insert is one statement (one round trip) rather than the row, its step
    /// and the transaction around both. Rows created before 3 December 2026 have it stored too; the stored copy is
    /// not shown twice (<see cref="ReadAsync"/>).
    /// </summary>
    private static TimelineEntry Created(DateTimeOffset createdAt, long amount, string businessShortCode) =>
        new(createdAt, TransactionEventKinds.Created, $"Payment of KES {amount:N0} created; STK push to be sent to {businessShortCode}.", null);

    /// <summary>
    /// Adds the first step of a payment made from the M-Pesa menu, with what told us of it (the confirmation's raw
    /// body); it is saved with the transaction.
    /// </summary>
    public void Received(PaymentTransaction transaction, string source, string? payload) => db.TransactionEvents.Add(new TransactionEvent
    {
        Transaction = transaction,
        MerchantId = transaction.MerchantId,
        At = time.GetUtcNow(),
        Kind = source switch
        {
            C2BSources.Pull => TransactionEventKinds.Pull,
            C2BSources.Statement => TransactionEventKinds.Statement,
            _ => TransactionEventKinds.Confirmation,
        },
        Summary = Cap($"Paid from the M-Pesa menu: KES {transaction.Amount:N0} to {transaction.BusinessShortCode}, receipt {transaction.Receipt}"
            + (transaction.BillRef is { Length: > 0 } bill ? $", account number {bill}" : "") + source switch
            {
                C2BSources.Pull => " (recovered by Pull Transactions: the confirmation never came).",
                C2BSources.Statement => " (added from an imported M-Pesa statement).",
                _ => " (Daraja's confirmation).",
            }, MaxSummary),
        Payload = payload is null ? null : Cap(payload, MaxPayload),
    });

    public Task PushedAsync(PaymentTransaction transaction, DarajaResult<StkPushAccepted> answer)
    {
        Pushed(transaction, answer);
        return SaveUnlessInTransactionAsync();
    }

    /// <summary>Adds the push's step without saving it: the caller saves it with the checkout ids it names.</summary>
    public void Pushed(PaymentTransaction transaction, DarajaResult<StkPushAccepted> answer) =>
        Add(transaction.Id, transaction.MerchantId, TransactionEventKinds.Pushed, answer.Succeeded
            ? $"M-Pesa accepted the push ({answer.Value!.CheckoutRequestId}) and prompted the customer."
            : answer.Failure!.Kind == DarajaFailureKind.Unavailable
                ? $"M-Pesa gave no clear answer to the push ({answer.Failure.Code} {answer.Failure.Message}); it may have reached the phone, so the payment stays pending until its callback settles it."
                : answer.Failure.Kind == DarajaFailureKind.Blocked
                    ? $"The push was not sent: {answer.Failure.Message}"
                    : $"M-Pesa refused the push: {answer.Failure.Code} {answer.Failure.Message}", answer.Exchange);

    public Task CallbackAsync(long transactionId, string merchantId, StkOutcome outcome, OutcomeApplied applied, string rawBody) =>
        AddAsync(transactionId, merchantId, TransactionEventKinds.Callback,
            $"Callback: result {outcome.ResultCode} {outcome.ResultDesc}{(outcome.Receipt is null ? "" : $", receipt {outcome.Receipt}")} ({Describe(applied)}).",
            rawBody);

    public Task QueryAsync(long transactionId, string merchantId, DarajaResult<StkQueryResult> answer, OutcomeApplied? applied) =>
        AddAsync(transactionId, merchantId, TransactionEventKinds.Query, answer switch
        {
            { Succeeded: true, Value: { IsPending: true, ResultCode: null } } => "STK query: the customer has not answered yet.",
            { Succeeded: true, Value.IsPending: true } =>
                $"STK query: result {answer.Value!.ResultCode} {answer.Value.ResultDesc} is not a final answer; asked again later.",
            { Succeeded: true } => $"STK query: result {answer.Value!.ResultCode} {answer.Value.ResultDesc} ({Describe(applied ?? OutcomeApplied.Applied)}).",
            _ => $"STK query failed: {answer.Failure!.Code} {answer.Failure.Message}",
        }, answer.Exchange);

    /// <summary>An alert on a transaction not saved yet; it is saved with the transaction.</summary>
    public void Alert(PaymentTransaction transaction, string summary) => db.TransactionEvents.Add(new TransactionEvent
    {
        Transaction = transaction,
        MerchantId = transaction.MerchantId,
        At = time.GetUtcNow(),
        Kind = TransactionEventKinds.Alert,
        Summary = Cap(summary, MaxSummary),
    });

    /// <summary>Something support must look at: an answer that disagrees with a final state or is not believed.</summary>
    public Task AlertAsync(long transactionId, string merchantId, string summary) =>
        AddAsync(transactionId, merchantId, TransactionEventKinds.Alert, summary, null);

    /// <summary>A step of the payment's reversal (asked, approved, sent, M-Pesa's result).</summary>
    public Task ReversalAsync(long transactionId, string merchantId, string summary, string? payload) =>
        AddAsync(transactionId, merchantId, TransactionEventKinds.Reversal, summary, payload is null ? null : CallbackTokenRedaction.Redact(payload));

    public Task GaveUpAsync(long transactionId, string merchantId, double minutes) =>
        AddAsync(transactionId, merchantId, TransactionEventKinds.Unknown,
            $"No answer from M-Pesa within {minutes:0.#} minutes: the outcome is unknown. A late answer will still be recorded.", null);

    /// <summary>The merchant's own transaction's steps, oldest first; callback tokens redacted, old rows included.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string merchantId, string transactionPublicId, CancellationToken cancellationToken)
    {
        var found = await db.AllTransactions.AsNoTracking()
            .Where(t => t.PublicId == transactionPublicId && t.MerchantId == merchantId)
            .Select(t => new
            {
                t.Channel,
                t.CreatedAt,
                t.Amount,
                t.BusinessShortCode,
                Steps = db.TransactionEvents.Where(e => e.TransactionId == t.Id && e.MerchantId == merchantId
                        && e.Kind != TransactionEventKinds.Created)
                    .OrderBy(e => e.Id)
                    .Select(e => new TimelineEntry(e.At, e.Kind, e.Summary, e.Payload))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return [];
        }

        var steps = found.Steps.Select(e => e with { Payload = CallbackTokenRedaction.Redact(e.Payload) });
        return found.Channel == TransactionChannels.Stk ? [Created(found.CreatedAt, found.Amount, found.BusinessShortCode), .. steps] : [.. steps];
    }

    private static string Cap(string value, int length) => value.Length <= length ? value : value[..length];

    private static string Describe(OutcomeApplied applied) => applied switch
    {
        OutcomeApplied.Applied => "recorded",
        OutcomeApplied.AlreadyFinal => "already final: nothing changed",
        OutcomeApplied.NotBelieved => "not believed: see the alert",
        OutcomeApplied.ReceiptRecorded => "the receipt of the payment already recorded as paid",
        _ => "ignored",
    };

    private Task AddAsync(long transactionId, string merchantId, string kind, string summary, string? payload)
    {
        Add(transactionId, merchantId, kind, summary, payload);
        return SaveUnlessInTransactionAsync();
    }

    /// <summary>
    /// Inside a database transaction (a payment's move, a receipt filled in) the entry is saved with what the
    /// transaction writes, in one round trip: its owner saves before it commits. Outside one, it is saved at once.
    /// </summary>
    private Task SaveUnlessInTransactionAsync() =>
        db.Database.CurrentTransaction is null ? db.SaveChangesAsync(CancellationToken.None) : Task.CompletedTask;

    private void Add(long transactionId, string merchantId, string kind, string summary, string? payload) =>
        db.TransactionEvents.Add(new TransactionEvent
        {
            TransactionId = transactionId,
            MerchantId = merchantId,
            At = time.GetUtcNow(),
            Kind = kind,
            Summary = summary.Length <= MaxSummary ? summary : summary[..MaxSummary],
            Payload = payload is null || payload.Length <= MaxPayload ? payload : payload[..MaxPayload],
        });
}
