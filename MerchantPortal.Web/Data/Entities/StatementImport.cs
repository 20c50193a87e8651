namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// One M-Pesa statement a merchant uploaded for an account, matched to the portal's transactions by receipt. Only
/// the counts and the exceptions are kept, not every line.
/// </summary>
public class StatementImport
{
    public long Id { get; set; }

    /// <summary>Public id (<c>imp_…</c>).</summary>
    public string PublicId { get; set; } = "";

    public string MerchantId { get; set; } = "";

    public long PaymentAccountId { get; set; }

    public string FileName { get; set; } = "";

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The statement's first and last completion times (null for a statement without payments).</summary>
    public DateTimeOffset? PeriodStart { get; set; }

    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>Lines read, and lines that were money in (the ones matched).</summary>
    public int Lines { get; set; }

    public int PaymentsIn { get; set; }

    public int Matched { get; set; }
}

/// <summary>A line the statement and the portal disagree about.</summary>
public class StatementException
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    public string MerchantId { get; set; } = "";

    /// <summary>One of <see cref="StatementExceptionKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Receipt { get; set; } = "";

    /// <summary>The statement's completion time, or the transaction's when the statement lacks it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Paid in per the statement (it may carry cents); null when the line is not in the statement.</summary>
    public decimal? StatementAmount { get; set; }

    /// <summary>The portal's amount; null when the portal has no such payment.</summary>
    public long? PortalAmount { get; set; }

    public string? OtherParty { get; set; }

    public string? AccountNumber { get; set; }

    /// <summary>The portal transaction the line concerns (or the one added from it).</summary>
    public long? TransactionId { get; set; }

    /// <summary>When the merchant added the missing payment (only for <see cref="StatementExceptionKinds.NotInPortal"/>).</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

public static class StatementExceptionKinds
{
    public const string NotInPortal = "not_in_portal";
    public const string NotInStatement = "not_in_statement";
    public const string AmountDiffers = "amount_differs";
}
