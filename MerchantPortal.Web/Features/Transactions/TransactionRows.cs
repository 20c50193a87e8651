using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// A transaction as the pages and the CSV show it: the API's fields and what people know a payment by (its reference,
/// the script's description, the link's title). The API's <see cref="TransactionDto"/> keeps its documented shape.
/// </summary>
public sealed record TransactionRow(
    string Id,
    string Status,
    string Reason,
    long Amount,
    string Phone,
    string PaymentId,
    string? LinkId,
    string? LinkTitle,
    string Reference,
    string? Description,
    string? Receipt,
    string? ResultCode,
    string? ResultDesc,
    string? CheckoutRequestId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Source = null,
    string Channel = TransactionChannels.Stk,
    string? BillRef = null,
    string? PayerName = null);

/// <summary>A transaction with its link's title, as one query reads them.</summary>
public sealed class LinkedTransaction
{
    public PaymentTransaction Row { get; init; } = null!;

    public string? LinkTitle { get; init; }
}

public static class TransactionRows
{
    /// <summary>
    /// The rows newest first with their link's title, read live so a renamed link reads the same everywhere (a deleted
    /// link keeps its row, soft-deleted). Callers pass rows already narrowed to one merchant.
    /// </summary>
    public static IQueryable<LinkedTransaction> NewestFirst(IQueryable<PaymentTransaction> rows, PortalDbContext db) =>
        from t in rows
        join l in db.PaymentLinks on t.PaymentLinkId equals l.Id into links
        from l in links.DefaultIfEmpty()
        orderby t.Id descending
        select new LinkedTransaction { Row = t, LinkTitle = l == null ? null : l.Title };

    public static TransactionRow ToRow(LinkedTransaction linked)
    {
        var t = linked.Row;
        return new TransactionRow(
            t.PublicId, t.Status, ResultCodes.Reason(t.Status, t.ResultCode), t.Amount, t.Phone, t.PaymentId, t.LinkPublicId,
            linked.LinkTitle, t.AccountReference, t.Description, t.Receipt, t.ResultCode, t.ResultDesc, t.CheckoutRequestId,
            t.CreatedAt, t.CompletedAt, t.Source, t.Channel, t.BillRef, t.PayerName);
    }
}
