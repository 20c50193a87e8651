using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>A checked list request: every row the filter keeps, and those after the cursor (fetch Limit + 1 of them).</summary>
public sealed record TransactionListQuery(IQueryable<PaymentTransaction> Filtered, IQueryable<PaymentTransaction> Page, int Limit, ResolvedFilter Filter);

/// <summary>Reads transactions; every query is filtered by the merchant.</summary>
public sealed class TransactionQueryService(PortalDbContext db, PageCursors cursors)
{
    private const string CursorList = "transactions";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<Result<TransactionDto>> GetAsync(
        string merchantId, string? transactionId, string? checkoutRequestId, CancellationToken cancellationToken)
    {
        if (transactionId is null && checkoutRequestId is null)
        {
            return ServiceError.Invalid("invalid_transaction_id", "transaction_id (txn_…) or checkout_request_id is required.", "transaction_id");
        }

        var query = db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchantId);
        query = transactionId is not null
            ? query.Where(t => t.PublicId == transactionId)
            : query.Where(t => t.CheckoutRequestId == checkoutRequestId);
        var row = await query.SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? ServiceError.NotFound("transaction_not_found", "No such transaction on this merchant.")
            : (await Reversals.ReversalViews.WithReversalsAsync(db, [(row.Id, ToDto(row))], cancellationToken))[0];
    }

    /// <summary>Newest first, keyset-paged on the id: the opaque cursor carries the last id seen, so pages stay fast and stable.</summary>
    public async Task<Result<TransactionPage>> ListAsync(
        string merchantId, ListTransactionsRequest request, CancellationToken cancellationToken)
    {
        var list = Prepare(merchantId, request);
        if (!list.Succeeded)
        {
            return list.Error!;
        }

        var (_, page, limit, _) = list.Value!;
        var rows = await page.OrderByDescending(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = await Reversals.ReversalViews.WithReversalsAsync(db, [.. rows.Take(limit).Select(r => (r.Id, ToDto(r)))], cancellationToken);
        return new TransactionPage(shown, NextCursor(merchantId, rows.Select(r => r.Id).ToList(), limit));
    }

    /// <summary>
    /// A list request checked once for the API and the pages: the merchant's filtered rows (for totals), and those
    /// after the cursor (the caller orders them newest first), with the page size.
    /// </summary>
    public Result<TransactionListQuery> Prepare(string merchantId, ListTransactionsRequest request)
    {
        var filter = TransactionFilters.Resolve(request.Filter);
        if (!filter.Succeeded)
        {
            return filter.Error!;
        }

        var limit = PageLimit.Parse(request.Limit, DefaultPageSize, MaxPageSize);
        if (!limit.Succeeded)
        {
            return limit.Error!;
        }

        long? after = null;
        if (request.Cursor is not null)
        {
            if (!cursors.TryDecode(CursorList, merchantId, request.Cursor, out var id))
            {
                return ServiceError.Invalid("invalid_cursor", "cursor is not one this API gave out.", "cursor");
            }

            after = id;
        }

        var filtered = TransactionFilters.Apply(db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchantId), filter.Value!);
        var page = after is null ? filtered : filtered.Where(t => t.Id < after);
        return new TransactionListQuery(filtered, page, limit.Value, filter.Value!);
    }

    /// <summary>The cursor after a page fetched with one row more than <paramref name="limit"/>, or null on the last page.</summary>
    public string? NextCursor(string merchantId, IReadOnlyList<long> ids, int limit) =>
        ids.Count > limit ? cursors.Encode(CursorList, merchantId, ids[limit - 1]) : null;

    public static TransactionDto ToDto(PaymentTransaction t) => new(
        t.PublicId, t.Status, t.Amount, t.Phone, t.PaymentId, t.LinkPublicId, t.Receipt, t.ResultCode, t.ResultDesc,
        ResultCodes.Reason(t.Status, t.ResultCode),
        t.CheckoutRequestId, t.CreatedAt.ToUnixTimeSeconds(), t.CompletedAt?.ToUnixTimeSeconds(), t.CallbackUrl,
        t.Channel, t.BillRef, t.PayerName, t.Livemode);
}
