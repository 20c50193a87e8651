using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>A filter checked and turned into values a query can use.</summary>
public sealed record ResolvedFilter(
    string? Status,
    DateTimeOffset? FromUtc,
    DateTimeOffset? BeforeUtc,
    string? PaymentId,
    string? LinkId,
    string? Phone,
    string? Search,
    string? Reference = null,
    string? Description = null,
    string? Channel = null,
    bool Unmatched = false);

/// <summary>The one place a transaction filter is read and applied (API list, pages, CSV export).</summary>
public static class TransactionFilters
{
    public static Result<ResolvedFilter> Resolve(TransactionFilter filter)
    {
        if (filter.Status is not null && !TransactionStatuses.All.Contains(filter.Status))
        {
            return ServiceError.Invalid("invalid_status",
                "status must be one of: " + string.Join(", ", TransactionStatuses.All) + ".", "status");
        }

        if (filter.Channel is not null && !TransactionChannels.All.Contains(filter.Channel))
        {
            return ServiceError.Invalid("invalid_channel",
                "channel must be one of: " + string.Join(", ", TransactionChannels.All) + ".", "channel");
        }

        var days = DayRange.Parse(filter.From, filter.To);
        if (!days.Succeeded)
        {
            return days.Error!;
        }

        var (from, before) = days.Value;

        string? paymentId = null;
        if (filter.PaymentId is not null)
        {
            if (!PaymentIds.TryParse(filter.PaymentId, out var sequence))
            {
                return ServiceError.Invalid("invalid_payment_id", "payment_id must look like #00001.", "payment_id");
            }

            paymentId = Data.Entities.PaymentAccount.FormatPaymentId(sequence);
        }

        string? phone = null;
        if (filter.Phone is not null)
        {
            if (!Phones.TryNormalize(filter.Phone, out var msisdn))
            {
                return ServiceError.Invalid("invalid_phone", "phone is not a valid phone number. " + Phones.FormatHelp, "phone");
            }

            phone = msisdn;
        }

        return new ResolvedFilter(filter.Status, from, before, paymentId, filter.LinkId?.Trim(), phone, filter.Search?.Trim(),
            Lowered(filter.Reference), Lowered(filter.Description), filter.Channel, filter.Unmatched);
    }

    /// <summary>Narrows a merchant's transactions; every condition uses an indexed or merchant-scoped column.</summary>
    public static IQueryable<PaymentTransaction> Apply(IQueryable<PaymentTransaction> query, ResolvedFilter f)
    {
        if (f.Status is not null)
        {
            query = query.Where(t => t.Status == f.Status);
        }

        if (f.Channel is not null)
        {
            query = query.Where(t => t.Channel == f.Channel);
        }

        if (f.Unmatched)
        {
            query = query.Where(t => t.Channel == TransactionChannels.C2B && t.PaymentLinkId == null);
        }

        if (f.FromUtc is { } from)
        {
            query = query.Where(t => t.CreatedAt >= from);
        }

        if (f.BeforeUtc is { } before)
        {
            query = query.Where(t => t.CreatedAt < before);
        }

        if (f.PaymentId is not null)
        {
            query = query.Where(t => t.PaymentId == f.PaymentId);
        }

        if (f.LinkId is not null)
        {
            query = query.Where(t => t.LinkPublicId == f.LinkId);
        }

        if (f.Phone is not null)
        {
            query = query.Where(t => t.Phone == f.Phone);
        }

        if (!string.IsNullOrEmpty(f.Search))
        {
            var term = f.Search;
            var receipt = term.ToUpperInvariant();
            query = query.Where(t => t.PublicId == term || t.Receipt == receipt || t.CheckoutRequestId == term);
        }

        // Contains, ignoring case, the same way on both databases: lower() on the column against a lowered term (the
        // providers' LIKE differ: SQLite's ignores ASCII case, PostgreSQL's does not). SQLite's lower() folds ASCII
        // letters only, so there an accented capital matches only itself. EF escapes the term: % and _ are literal.
        if (f.Reference is { } reference)
        {
            query = query.Where(t => t.AccountReference.ToLower().Contains(reference));
        }

        if (f.Description is { } description)
        {
            query = query.Where(t => t.Description != null && t.Description.ToLower().Contains(description));
        }

        return query;
    }

    private static string? Lowered(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();
}
