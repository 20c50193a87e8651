using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>One option of a filter list: the value the query string carries and what the merchant reads.</summary>
public sealed record FilterChoice(string Value, string Label);

/// <summary>The merchant's own accounts and links, removed ones too: their payments are still in the history.</summary>
public sealed record TransactionChoices(IReadOnlyList<FilterChoice> Accounts, IReadOnlyList<FilterChoice> Links);

/// <summary>The whole filtered set, not the page shown: how many, and the money that arrived (paid payments only).</summary>
public sealed record TransactionTotals(int Count, long AmountPaid);

public sealed record TransactionListing(IReadOnlyList<TransactionRow> Rows, string? NextCursor, TransactionTotals Totals);

/// <summary>What the Transactions page shows: the form's lists always, and either the listing or why the filter was refused.</summary>
public sealed record TransactionBrowse(TransactionChoices Choices, TransactionListing? Listing, ServiceError? Error);

/// <summary>The Transactions page's reading of a merchant's payments; the API's list is <see cref="TransactionQueryService"/>.</summary>
public sealed class TransactionListService(PortalDbContext db, TransactionQueryService queries)
{
    public const string PageSize = "50";

    public async Task<TransactionBrowse> BrowseAsync(string merchantId, TransactionFilter filter, string? cursor, CancellationToken cancellationToken)
    {
        var choices = await ChoicesAsync(merchantId, cancellationToken);
        // Another merchant's account or link id in the query string matches nothing of theirs (every query is this
        // merchant's), and the form says the choice is not one of the lists' rather than showing an empty page.
        if (NotAChoice(filter, choices) is { } refused)
        {
            return new TransactionBrowse(choices, null, refused);
        }

        var list = queries.Prepare(merchantId, new ListTransactionsRequest(filter, cursor, PageSize));
        if (!list.Succeeded)
        {
            return new TransactionBrowse(choices, null, list.Error);
        }

        var (filtered, page, limit, resolved) = list.Value!;
        var rows = await TransactionRows.NewestFirst(page, db).Take(limit + 1).ToListAsync(cancellationToken);
        var totals = await TotalsAsync(merchantId, filtered, resolved, cancellationToken);
        return new TransactionBrowse(choices, new TransactionListing(
            [.. rows.Take(limit).Select(TransactionRows.ToRow)],
            queries.NextCursor(merchantId, [.. rows.Select(r => r.Row.Id)], limit),
            totals), null);
    }

    /// <summary>
    /// Every row the filter keeps, whatever page is shown. A filter of status and whole Nairobi days at most (the page
    /// as first opened) reads the day totals kept as payments settle, and counts pending payments live; any other
    /// filter narrows the rows by an index and they are summed in the database.
    /// </summary>
    private async Task<TransactionTotals> TotalsAsync(
        string merchantId, IQueryable<PaymentTransaction> filtered, ResolvedFilter f, CancellationToken cancellationToken)
    {
        if (!DayTotalsAnswer(f))
        {
            return new TransactionTotals(
                await filtered.CountAsync(cancellationToken),
                await filtered.Where(t => t.Status == TransactionStatuses.Succeeded).SumAsync(t => t.Amount, cancellationToken));
        }

        var days = db.PaymentDayTotals.Where(d => d.MerchantId == merchantId);
        days = f.Status is null ? days : days.Where(d => d.Status == f.Status);
        days = f.FromUtc is { } from ? days.Where(d => d.Day >= Nairobi.DayOf(from)) : days;
        days = f.BeforeUtc is { } before ? days.Where(d => d.Day < Nairobi.DayOf(before)) : days;
        var pending = f.Status is null or TransactionStatuses.Pending
            ? await filtered.CountAsync(t => t.Status == TransactionStatuses.Pending, cancellationToken)
            : 0;
        return new TransactionTotals(
            await days.SumAsync(d => d.Count, cancellationToken) + pending,
            await days.Where(d => d.Status == TransactionStatuses.Succeeded).SumAsync(d => d.Amount, cancellationToken));
    }

    /// <summary>Whether the filter keeps whole Nairobi days of a state at most: what the day totals can answer.</summary>
    private static bool DayTotalsAnswer(ResolvedFilter f) =>
        f is { PaymentId: null, LinkId: null, Phone: null, Reference: null, Description: null, Channel: null, Unmatched: false } && string.IsNullOrEmpty(f.Search)
        && IsDayStart(f.FromUtc) && IsDayStart(f.BeforeUtc);

    private static bool IsDayStart(DateTimeOffset? at) => at is not { } t || t == Nairobi.StartOfDay(Nairobi.DayOf(t));

    private async Task<TransactionChoices> ChoicesAsync(string merchantId, CancellationToken cancellationToken)
    {
        var accounts = await db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == merchantId).OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Type, a.Number, Removed = a.DeletedAt != null }).ToListAsync(cancellationToken);
        var links = await db.PaymentLinks.AsNoTracking().Where(l => l.MerchantId == merchantId).OrderBy(l => l.Title).ThenBy(l => l.Id)
            .Select(l => new { l.PublicId, l.Title, Removed = l.DeletedAt != null }).ToListAsync(cancellationToken);
        var repeated = links.GroupBy(l => l.Title).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return new TransactionChoices(
            [.. accounts.Select(a => new FilterChoice(PaymentAccount.FormatPaymentId(a.Sequence),
                PaymentAccountTypes.Label(PaymentAccount.FormatPaymentId(a.Sequence), a.Type, a.Number)
                + (a.Removed ? " (removed)" : "")))],
            [.. links.Select(l => new FilterChoice(l.PublicId,
                l.Title + (repeated.Contains(l.Title) ? $" ({l.PublicId})" : "") + (l.Removed ? " (deleted)" : "")))]);
    }

    private static ServiceError? NotAChoice(TransactionFilter filter, TransactionChoices choices)
    {
        if (filter.PaymentId is not null && PaymentIds.TryParse(filter.PaymentId, out var sequence)
            && !choices.Accounts.Any(a => a.Value == PaymentAccount.FormatPaymentId(sequence)))
        {
            return ServiceError.Invalid("invalid_payment_id", "Choose one of your payment accounts from the list.", "payment_id");
        }

        return filter.LinkId is { } link && !choices.Links.Any(l => l.Value == link.Trim())
            ? ServiceError.Invalid("invalid_link_id", "Choose one of your payment links from the list.", "link_id")
            : null;
    }
}
