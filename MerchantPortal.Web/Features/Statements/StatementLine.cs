namespace MerchantPortal.Web.Features.Statements;

/// <summary>
/// One line of an M-Pesa statement after its header. Amounts are as printed (they may carry cents); the completion
/// time is the statement's Nairobi time as a UTC instant, null on a line that has none (a failed one).
/// </summary>
public sealed record StatementLine(
    int LineNumber,
    string Receipt,
    DateTimeOffset? CompletedAt,
    string Details,
    string Status,
    decimal PaidIn,
    decimal Withdrawn,
    decimal? Balance,
    string OtherParty,
    string AccountNumber)
{
    /// <summary>Money that reached the account: the only lines matched to the portal's payments.</summary>
    public bool IsMoneyIn => PaidIn > 0 && string.Equals(Status, "Completed", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A statement the portal cannot read, with the line at fault. Thrown by the streaming reader and turned into a
/// <c>statement_unreadable</c> error by <see cref="StatementImportService"/>, the reader's only caller.
/// </summary>
public sealed class StatementFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
