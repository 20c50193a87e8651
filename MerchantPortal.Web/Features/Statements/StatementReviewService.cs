using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>The merchant's imports and their exceptions, as the Reconcile pages show them; always the merchant's own.</summary>
public sealed class StatementReviewService(PortalDbContext db, PageCursors cursors)
{
    public const int PageSize = 50;
    private const int ListSize = 100;

    /// <summary>The newest imports first.</summary>
    public async Task<IReadOnlyList<StatementImportSummary>> ListAsync(string merchantId, CancellationToken cancellationToken)
    {
        var imports = await Imports(merchantId).OrderByDescending(i => i.Id).Take(ListSize).ToListAsync(cancellationToken);
        return await SummariesAsync(imports, cancellationToken);
    }

    public async Task<Result<StatementImportSummary>> GetAsync(string merchantId, string? importId, CancellationToken cancellationToken)
    {
        var import = await Imports(merchantId).Where(i => i.PublicId == importId).ToListAsync(cancellationToken);
        return import.Count == 0 ? NotFound() : (await SummariesAsync(import, cancellationToken))[0];
    }

    /// <summary>One kind's lines in statement order, a page at a time (keyset on the row id, behind an opaque cursor).</summary>
    public async Task<Result<StatementExceptionPage>> ExceptionsAsync(
        string merchantId, string? importId, string kind, string? cursor, CancellationToken cancellationToken)
    {
        var import = await db.StatementImports.AsNoTracking().Where(i => i.MerchantId == merchantId && i.PublicId == importId)
            .Select(i => (long?)i.Id).SingleOrDefaultAsync(cancellationToken);
        if (import is null)
        {
            return NotFound();
        }

        var list = "statement-" + kind;
        var after = cursors.TryDecode(list, merchantId, cursor, out var lastId) ? lastId : 0;
        var rows = await db.StatementExceptions.AsNoTracking()
            .Where(e => e.ImportId == import && e.MerchantId == merchantId && e.Kind == kind && e.Id > after)
            .OrderBy(e => e.Id).Take(PageSize + 1)
            .Select(e => new StatementExceptionRow(e.Id, e.Kind, e.Receipt, e.CompletedAt, e.StatementAmount, e.PortalAmount, e.OtherParty,
                e.AccountNumber, db.Transactions.Where(t => t.Id == e.TransactionId && t.MerchantId == merchantId).Select(t => t.PublicId).FirstOrDefault(),
                e.ResolvedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > PageSize ? cursors.Encode(list, merchantId, rows[PageSize - 1].Id) : null;
        return new StatementExceptionPage([.. rows.Take(PageSize)], next);
    }

    private IQueryable<StatementImport> Imports(string merchantId) =>
        db.StatementImports.AsNoTracking().Where(i => i.MerchantId == merchantId);

    private async Task<List<StatementImportSummary>> SummariesAsync(List<StatementImport> imports, CancellationToken cancellationToken)
    {
        var ids = imports.Select(i => i.Id).ToList();
        var accountIds = imports.Select(i => i.PaymentAccountId).Distinct().ToList();
        var counts = await db.StatementExceptions.AsNoTracking().Where(e => ids.Contains(e.ImportId))
            .GroupBy(e => new { e.ImportId, e.Kind }).Select(g => new { g.Key.ImportId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var accounts = await db.PaymentAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => PaymentAccountTypes.Label(a.PaymentId, a.Type, a.Number), cancellationToken);
        return [.. imports.Select(i => new StatementImportSummary(i.PublicId, accounts.GetValueOrDefault(i.PaymentAccountId) ?? "", i.FileName,
            i.ImportedAt, i.PeriodStart, i.PeriodEnd, i.Lines, i.PaymentsIn, i.Matched,
            counts.Where(c => c.ImportId == i.Id).ToDictionary(c => c.Kind, c => c.Count)))];
    }

    private static ServiceError NotFound() => ServiceError.NotFound("statement_import_not_found", "No such statement import.");
}
