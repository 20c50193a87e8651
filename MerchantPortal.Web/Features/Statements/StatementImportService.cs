using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Statements;

/// <summary>
/// Imports an M-Pesa statement for one of the merchant's accounts: reads it as it streams, matches its payments in
/// to the merchant's by receipt (<see cref="StatementReconciliation"/>) and keeps the import's counts and exceptions.
/// The import is one database transaction, so a file found bad at its last line leaves nothing behind.
/// </summary>
public sealed class StatementImportService(PortalDbContext db, TimeProvider time, ILogger<StatementImportService> logger)
{
    /// <summary>About 400,000 lines of the export; a longer period is exported in parts.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private const int MaxFileName = 200;

    public async Task<Result<string>> ImportAsync(string merchantId, StatementUpload upload, CancellationToken cancellationToken)
    {
        if (upload.Length == 0)
        {
            return ServiceError.Invalid("statement_missing", "Choose the statement's CSV file.", "file");
        }

        if (upload.Length > MaxBytes)
        {
            return ServiceError.Invalid("statement_too_large",
                $"The file is {upload.Length / (1024.0 * 1024):0.#} MB; a statement may be at most {MaxBytes / (1024 * 1024)} MB. Export a shorter period.", "file");
        }

        var account = PaymentIds.TryParse(upload.PaymentId, out var sequence)
            ? await db.PaymentAccounts.AsNoTracking()
                .Where(a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null)
                .Select(a => new { a.Id }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (account is null)
        {
            return ServiceError.Invalid("payment_account_not_found", "Choose one of your payment accounts.", "payment_id");
        }

        var import = new StatementImport
        {
            PublicId = "imp_" + Ids.Random(16),
            MerchantId = merchantId,
            PaymentAccountId = account.Id,
            FileName = FileName(upload.FileName),
            ImportedAt = time.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.StatementImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var counts = await new StatementReconciliation(db, import).RunAsync(StatementCsvReader.ReadAsync(upload.Content, cancellationToken), cancellationToken);
            await db.StatementImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Lines, counts.Lines)
                .SetProperty(i => i.PaymentsIn, counts.PaymentsIn)
                .SetProperty(i => i.Matched, counts.Matched)
                .SetProperty(i => i.PeriodStart, counts.PeriodStart)
                .SetProperty(i => i.PeriodEnd, counts.PeriodEnd), cancellationToken);
        }
        catch (StatementFormatException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return ServiceError.Invalid("statement_unreadable", ex.Message, "file");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Statement {ImportId} imported for merchant {MerchantId}", import.PublicId, merchantId);
        return import.PublicId;
    }

    /// <summary>The name as the browser sent it, without a path some browsers include.</summary>
    private static string FileName(string name)
    {
        var bare = Path.GetFileName(name.Replace('\\', '/')).Trim();
        bare = bare.Length == 0 ? "statement.csv" : bare;
        return bare.Length <= MaxFileName ? bare : bare[..MaxFileName];
    }
}
