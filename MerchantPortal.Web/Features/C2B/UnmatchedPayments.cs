using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>A payment from the M-Pesa menu that pays no link, as the Unmatched page lists it.</summary>
public sealed record UnmatchedPayment(
    string Id, long Amount, string Phone, string? BillRef, string? PayerName, string? Receipt, string PaymentId, DateTimeOffset PaidAt);

public sealed record UnmatchedPage(IReadOnlyList<UnmatchedPayment> Payments, IReadOnlyList<FilterChoice> Links, int Page, bool HasMore);

/// <summary>The payment and the link it now pays.</summary>
public sealed record AssignedPayment(string TransactionId, string LinkId, string LinkTitle);

/// <summary>
/// Menu payments attributed to no link (a paybill account number that named none, a till payment no pay page
/// announced), and the merchant's hand in attributing one. An attribution is final: a payment already paying a link
/// is refused (decision 20), so a link's collected sum and its <c>link.paid</c> never move backwards.
/// </summary>
public sealed class UnmatchedPayments(PortalDbContext db, AuditLog audit, WebhookOutbox outbox)
{
    public const int PageSize = 50;

    public const string AssignAction = "payment.assign";

    public async Task<UnmatchedPage> ListAsync(string merchantId, int page, CancellationToken cancellationToken)
    {
        page = Math.Clamp(page, 1, 100_000);
        var rows = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == merchantId && t.Channel == TransactionChannels.C2B && t.PaymentLinkId == null
                && t.Status == TransactionStatuses.Succeeded)
            .OrderByDescending(t => t.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(t => new UnmatchedPayment(t.PublicId, t.Amount, t.Phone, t.BillRef, t.PayerName, t.Receipt, t.PaymentId,
                t.CompletedAt ?? t.CreatedAt))
            .ToListAsync(cancellationToken);
        var links = await db.PaymentLinks.AsNoTracking().Where(l => l.MerchantId == merchantId && l.DeletedAt == null)
            .OrderBy(l => l.Title).ThenBy(l => l.Id).Select(l => new FilterChoice(l.PublicId, l.Title + " (" + l.AccountCode + ")"))
            .ToListAsync(cancellationToken);
        return new UnmatchedPage([.. rows.Take(PageSize)], links, page, rows.Count > PageSize);
    }

    /// <summary>
    /// Attributes one of the merchant's unmatched menu payments to one of their live links, audited, with the link's
    /// <c>link.paid</c> when it pays it (a collect-a-total link: when this payment reaches its total), in one transaction.
    /// </summary>
    public async Task<Result<AssignedPayment>> AssignAsync(
        string merchantId, AdminActor actor, string? transactionId, string? linkId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(transactionId))
        {
            return ServiceError.Invalid("invalid_transaction_id", "transaction_id (txn_…) is required.", "transaction_id");
        }

        if (string.IsNullOrWhiteSpace(linkId))
        {
            return ServiceError.Invalid("invalid_link_id", "link_id (link_…) is required.", "link_id");
        }

        var payment = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == merchantId && t.PublicId == transactionId && t.Channel == TransactionChannels.C2B
                && t.Status == TransactionStatuses.Succeeded)
            .Select(t => new { t.Id, t.PaymentLinkId }).SingleOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            return ServiceError.NotFound("transaction_not_found", "No payment from the M-Pesa menu with this id on this merchant.");
        }

        var link = await db.PaymentLinks.AsNoTracking()
            .Where(l => l.MerchantId == merchantId && l.PublicId == linkId && l.DeletedAt == null)
            .Select(l => new { l.Id, l.PublicId, l.Title }).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return ServiceError.NotFound("link_not_found", "This payment link does not exist.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Transactions.Where(t => t.Id == payment.Id && t.PaymentLinkId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PaymentLinkId, link.Id).SetProperty(t => t.LinkPublicId, link.PublicId), cancellationToken);
        if (changed == 0)
        {
            return AlreadyAttributed();
        }

        audit.Record(actor, AssignAction, transactionId!, new { link_id = (string?)null }, new { link_id = link.PublicId });
        await outbox.OnAssignedAsync(payment.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AssignedPayment(transactionId!, link.PublicId, link.Title);
    }

    private static ServiceError AlreadyAttributed() =>
        ServiceError.Conflict("already_attributed", "This payment already pays a link; an attribution is not changed.");
}
