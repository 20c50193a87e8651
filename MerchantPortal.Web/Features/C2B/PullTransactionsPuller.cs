using System.Text.Json;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>What one pull found.</summary>
/// <param name="Seen">Rows Daraja listed.</param>
/// <param name="Added">Payments recorded now (their confirmations never came).</param>
/// <param name="AlreadyKnown">Rows whose receipt the portal had already.</param>
/// <param name="Failure">Daraja's refusal or silence, as words; null when the pass was complete.</param>
public sealed record PullOutcome(int Seen, int Added, int AlreadyKnown, string? Failure)
{
    public bool Complete => Failure is null;
}

/// <summary>
/// Asks Daraja's Pull Transactions for one account's payments from the M-Pesa menu and records the missing ones through
/// <see cref="C2BRecorder"/> (source <c>pull</c>). The window runs from <see cref="PaymentAccount.PullCheckedUntil"/>
/// less an overlap (Daraja may list a payment a little after it was made) to now, and never further back than the 48
/// hours Daraja keeps; it moves on only after a complete pass, so a failed page is asked again next time.
/// </summary>
public sealed class PullTransactionsPuller(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    C2BRecorder recorder,
    TimeProvider time,
    ILogger<PullTransactionsPuller> logger)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    /// <summary>How far back Daraja lists payments [Pull FAQ 3].</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    /// <summary>A Daraja that ignored the offset would list the same page for ever; this many pages ends the pass as failed.</summary>
    private const int MaxPages = 500;

    public async Task<PullOutcome> PullAsync(PaymentAccount account, CancellationToken cancellationToken)
    {
        if (!credentials.TryFor(account, out var app))
        {
            return new PullOutcome(0, 0, 0, "The saved Daraja credentials can no longer be read. Enter them again.");
        }

        var now = time.GetUtcNow();
        var earliest = now - Retention;
        var from = account.PullCheckedUntil is { } until && until - Overlap > earliest ? until - Overlap : earliest;
        // EndDate is sent to the second, cut down: one second more keeps a payment made this very second inside.
        var to = now.AddSeconds(1);
        var (seen, added, known) = (0, 0, 0);
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = await daraja.QueryPullAsync(app, account.Number, from, to, seen, cancellationToken);
            if (!answer.Succeeded)
            {
                logger.LogWarning("Pull Transactions for account {AccountId} failed at row {Offset}: {Code} {Message}",
                    account.Id, seen, answer.Failure!.Code, answer.Failure.Message);
                return new PullOutcome(seen, added, known, $"{answer.Failure.Code}: {answer.Failure.Message}");
            }

            var rows = answer.Value!.Transactions;
            if (rows.Count == 0)
            {
                await CheckedUntilAsync(account, now, cancellationToken);
                logger.LogInformation("Pull Transactions for account {AccountId}: {Seen} listed, {Added} added", account.Id, seen, added);
                return new PullOutcome(seen, added, known, null);
            }

            var recorded = await RecordAsync(account, rows, cancellationToken);
            (seen, added, known) = (seen + rows.Count, added + recorded.Added, known + recorded.Known);
        }

        return new PullOutcome(seen, added, known, $"Daraja listed more than {MaxPages} pages; the rest is asked next time.");
    }

    private async Task<(int Added, int Known)> RecordAsync(PaymentAccount account, IReadOnlyList<PullTransaction> rows, CancellationToken cancellationToken)
    {
        // Most rows were confirmed already: they are skipped here rather than each failing the unique index (and
        // logging an error) inside the recorder. The index still decides a payment recorded meanwhile.
        var receipts = rows.Select(r => (string?)r.Receipt).ToList();
        var known = (await db.AllTransactions.AsNoTracking()
            .Where(t => t.MerchantId == account.MerchantId && receipts.Contains(t.Receipt))
            .Select(t => t.Receipt!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var (added, duplicates) = (0, 0);
        foreach (var row in rows.Where(r => !known.Contains(r.Receipt)))
        {
            var payment = new C2BReceived(row.Receipt, row.CompletedAt ?? time.GetUtcNow(), row.Amount, row.Msisdn ?? "", row.Sender, row.BillReference);
            var result = await recorder.RecordAsync(account, payment, C2BSources.Pull, JsonSerializer.Serialize(row), cancellationToken);
            added += result.Outcome == C2BRecordOutcome.Recorded ? 1 : 0;
            duplicates += result.Outcome == C2BRecordOutcome.Duplicate ? 1 : 0;
        }

        return (added, known.Count + duplicates);
    }

    /// <summary>Never moves back: another instance may have finished a later pass meanwhile.</summary>
    private Task<int> CheckedUntilAsync(PaymentAccount account, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.PaymentAccounts.Where(a => a.Id == account.Id && a.MerchantId == account.MerchantId && (a.PullCheckedUntil == null || a.PullCheckedUntil < until))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PullCheckedUntil, until), cancellationToken);
}
