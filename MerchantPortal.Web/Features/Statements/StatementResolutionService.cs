using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>
/// Adds the payments a statement shows and the portal lacks (<c>not_in_portal</c> lines) as payments from the M-Pesa
/// menu, one line or all of an import's. Adding a line twice adds its payment once: the receipt decides.
/// </summary>
public sealed class StatementResolutionService(PortalDbContext db, StatementPaymentRecorder recorder, TimeProvider time, ILogger<StatementResolutionService> logger)
{
    /// <summary>Each payment is its own transaction with its events; a request adds at most this many, the rest on the next.</summary>
    public const int MaxPerRequest = 500;

    /// <param name="exceptionId">One line, or null for all of the import's unresolved ones.</param>
    public async Task<Result<AddedPayments>> AddMissingAsync(string merchantId, string? importId, long? exceptionId, CancellationToken cancellationToken)
    {
        var import = await db.StatementImports.AsNoTracking().Where(i => i.MerchantId == merchantId && i.PublicId == importId)
            .Select(i => new { i.Id, i.PaymentAccountId }).SingleOrDefaultAsync(cancellationToken);
        if (import is null)
        {
            return ServiceError.NotFound("statement_import_not_found", "No such statement import.");
        }

        var missing = db.StatementExceptions.AsNoTracking().Where(e => e.ImportId == import.Id && e.MerchantId == merchantId
            && e.Kind == StatementExceptionKinds.NotInPortal && (exceptionId == null || e.Id == exceptionId));
        var lines = await missing.Where(e => e.ResolvedAt == null).OrderBy(e => e.Id).Take(MaxPerRequest).ToListAsync(cancellationToken);
        if (exceptionId is not null && lines.Count == 0)
        {
            return await missing.AnyAsync(cancellationToken)
                ? new AddedPayments(0, 1, 0, 0)
                : ServiceError.NotFound("statement_line_not_found", "No such line in this import.");
        }

        int added = 0, already = 0, notAdded = 0;
        foreach (var line in lines)
        {
            var outcome = await AddAsync(merchantId, import.PaymentAccountId, line, cancellationToken);
            added += outcome == Outcome.Added ? 1 : 0;
            already += outcome == Outcome.AlreadyRecorded ? 1 : 0;
            notAdded += outcome == Outcome.NotAdded ? 1 : 0;
        }

        var remaining = exceptionId is null ? await missing.CountAsync(e => e.ResolvedAt == null, cancellationToken) - notAdded : 0;
        return new AddedPayments(added, already, notAdded, Math.Max(remaining, 0));
    }

    private enum Outcome { Added, AlreadyRecorded, NotAdded }

    private async Task<Outcome> AddAsync(string merchantId, long accountId, StatementException line, CancellationToken cancellationToken)
    {
        // The portal keeps whole shillings; an M-Pesa menu payment is one, so cents mean a line to look at by hand.
        if (line.StatementAmount is not { } amount || amount != decimal.Truncate(amount) || line.CompletedAt is not { } paidAt)
        {
            return Outcome.NotAdded;
        }

        var id = await recorder.RecordAsync(
            new StatementPayment(merchantId, accountId, line.Receipt, (long)amount, paidAt, line.OtherParty ?? "", line.AccountNumber), cancellationToken);
        var outcome = Outcome.Added;
        if (id is null)
        {
            // Only the merchant's own payment resolves the line; another merchant's receipt is neither shown nor linked.
            id = await db.Transactions.Where(t => t.MerchantId == merchantId && t.Receipt == line.Receipt).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                logger.LogWarning("ALERT: statement receipt {Receipt} of merchant {MerchantId} is recorded on another merchant; not added", line.Receipt, merchantId);
                return Outcome.NotAdded;
            }

            outcome = Outcome.AlreadyRecorded;
        }

        await db.StatementExceptions.Where(e => e.Id == line.Id && e.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ResolvedAt, time.GetUtcNow()).SetProperty(e => e.TransactionId, id), cancellationToken);
        return outcome;
    }
}
