namespace MerchantPortal.Web.Features.Statements;

/// <summary>An uploaded statement: which account it is for, and its file (read once, as it streams).</summary>
public sealed record StatementUpload(string? PaymentId, string FileName, long Length, Stream Content);

/// <summary>An import as its list and its page show it.</summary>
public sealed record StatementImportSummary(
    string Id,
    string AccountLabel,
    string FileName,
    DateTimeOffset ImportedAt,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    int Lines,
    int PaymentsIn,
    int Matched,
    IReadOnlyDictionary<string, int> Exceptions)
{
    public int ExceptionCount(string kind) => Exceptions.GetValueOrDefault(kind);
}

/// <summary>One exception line; <see cref="TransactionId"/> is the merchant's own <c>txn_…</c>, when there is one.</summary>
public sealed record StatementExceptionRow(
    long Id,
    string Kind,
    string Receipt,
    DateTimeOffset? CompletedAt,
    decimal? StatementAmount,
    long? PortalAmount,
    string? OtherParty,
    string? AccountNumber,
    string? TransactionId,
    DateTimeOffset? ResolvedAt);

/// <summary>A page of one kind of exception, newest line last as in the statement; <see cref="Next"/> is the cursor of the next page.</summary>
public sealed record StatementExceptionPage(IReadOnlyList<StatementExceptionRow> Rows, string? Next);

/// <summary>
/// What adding missing payments did: added now, already in the portal (added before), and not added (a receipt the
/// portal cannot take here, or an amount with cents); <see cref="Remaining"/> are left for another request.
/// </summary>
public sealed record AddedPayments(int Added, int AlreadyRecorded, int NotAdded, int Remaining);
