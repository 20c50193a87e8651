using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>What an import counted, and the period its lines cover.</summary>
public sealed record StatementCounts(int Lines, int PaymentsIn, int Matched, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);

/// <summary>
/// The reconciliation rule, once. Every completed payment in on the statement is looked up by receipt among the
/// merchant's own succeeded payments: absent, it is <c>not_in_portal</c>; present for another amount,
/// <c>amount_differs</c>. Every succeeded payment the portal has on the statement's account within the statement's
/// period (first to last completion time) whose receipt the statement lacks is <c>not_in_statement</c>. A receipt
/// another merchant holds is never looked at, so it reads as not in this merchant's portal and reveals nothing.
/// Lines are matched a chunk at a time (one query per chunk, exceptions saved in batches); only the statement's
/// receipts are kept, to find the portal's payments it lacks.
/// </summary>
public sealed class StatementReconciliation(PortalDbContext db, StatementImport import)
{
    private const int Chunk = 1000;

    private readonly HashSet<string> receipts = new(StringComparer.Ordinal);
    private readonly List<StatementLine> pending = [];
    private int lines;
    private int paymentsIn;
    private int matched;
    private DateTimeOffset? first;
    private DateTimeOffset? last;

    public async Task<StatementCounts> RunAsync(IAsyncEnumerable<StatementLine> statement, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // The import is one transaction that a failure ends whole, so EF's savepoint around each batch buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await foreach (var line in statement)
            {
                Count(line);
                // A receipt printed twice is one payment.
                if (line.IsMoneyIn && receipts.Add(line.Receipt))
                {
                    paymentsIn++;
                    pending.Add(line);
                    if (pending.Count == Chunk)
                    {
                        await MatchPendingAsync(cancellationToken);
                    }
                }
            }

            await MatchPendingAsync(cancellationToken);
            await FindMissingFromStatementAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.Database.AutoSavepointsEnabled = true;
        }

        return new StatementCounts(lines, paymentsIn, matched, first, last);
    }

    private void Count(StatementLine line)
    {
        lines++;
        if (line.CompletedAt is { } at)
        {
            first = first is null || at < first ? at : first;
            last = last is null || at > last ? at : last;
        }
    }

    private async Task MatchPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var chunk = pending.Select(l => l.Receipt).ToList();
        var known = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == import.MerchantId && t.Status == TransactionStatuses.Succeeded && chunk.Contains(t.Receipt!))
            .Select(t => new { t.Id, t.Receipt, t.Amount })
            .ToDictionaryAsync(t => t.Receipt!, StringComparer.Ordinal, cancellationToken);
        foreach (var line in pending)
        {
            if (!known.TryGetValue(line.Receipt, out var payment))
            {
                Add(StatementExceptionKinds.NotInPortal, line, null, null);
            }
            else if (payment.Amount != line.PaidIn)
            {
                Add(StatementExceptionKinds.AmountDiffers, line, payment.Amount, payment.Id);
            }
            else
            {
                matched++;
            }
        }

        pending.Clear();
        await SaveAsync(cancellationToken);
    }

    /// <summary>The account's payments within the period, a page at a time by id; those the statement lacks are exceptions.</summary>
    private async Task FindMissingFromStatementAsync(CancellationToken cancellationToken)
    {
        if (first is not { } start || last is not { } end)
        {
            return;
        }

        for (long after = 0; ;)
        {
            var page = await db.Transactions.AsNoTracking()
                .Where(t => t.MerchantId == import.MerchantId && t.PaymentAccountId == import.PaymentAccountId
                    && t.Status == TransactionStatuses.Succeeded && t.Receipt != null && t.Id > after
                    && (t.CompletedAt ?? t.CreatedAt) >= start && (t.CompletedAt ?? t.CreatedAt) <= end)
                .OrderBy(t => t.Id).Take(Chunk)
                .Select(t => new { t.Id, t.Receipt, t.Amount, At = t.CompletedAt ?? t.CreatedAt })
                .ToListAsync(cancellationToken);
            foreach (var payment in page.Where(p => !receipts.Contains(p.Receipt!)))
            {
                db.StatementExceptions.Add(new StatementException
                {
                    ImportId = import.Id, MerchantId = import.MerchantId, Kind = StatementExceptionKinds.NotInStatement,
                    Receipt = payment.Receipt!, CompletedAt = payment.At, PortalAmount = payment.Amount, TransactionId = payment.Id,
                });
            }

            await SaveAsync(cancellationToken);
            if (page.Count < Chunk)
            {
                return;
            }

            after = page[^1].Id;
        }
    }

    private void Add(string kind, StatementLine line, long? portalAmount, long? transactionId) => db.StatementExceptions.Add(new StatementException
    {
        ImportId = import.Id,
        MerchantId = import.MerchantId,
        Kind = kind,
        Receipt = line.Receipt,
        CompletedAt = line.CompletedAt,
        StatementAmount = line.PaidIn,
        PortalAmount = portalAmount,
        OtherParty = Limit(line.OtherParty, 200),
        AccountNumber = Limit(line.AccountNumber, 100),
        TransactionId = transactionId,
    });

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string? Limit(string value, int length) => value.Length == 0 ? null : value.Length <= length ? value : value[..length];
}
