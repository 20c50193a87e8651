using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>The operator's view of merchants: search and one merchant's details. The platform tenant is never shown.</summary>
public sealed class AdminMerchantQueryService(
    PortalDbContext db,
    SubscriptionService subscriptions,
    PlanAdminService plans,
    TimeProvider time,
    IOptionsMonitor<AppOptions> app)
{
    public const int PageSize = 25;
    public const int VolumeDays = 30;

    /// <summary>
    /// Matches part of the username or email, the phone (any accepted form), the merchant id, a paybill or till
    /// number, a payment id (<c>#00001</c>), or a transaction id or M-Pesa receipt of one of its payments.
    /// <paramref name="status"/> narrows to one subscription state.
    /// </summary>
    public async Task<AdminMerchantPage> SearchAsync(string? term, string? status, int page, CancellationToken cancellationToken)
    {
        page = Math.Clamp(page, 1, 100_000);
        var now = time.GetUtcNow();
        var grace = app.CurrentValue.GraceDays;
        var query = db.Users.AsNoTracking().Where(u => !u.IsPlatform && !u.MemberOnly);
        if (!string.IsNullOrWhiteSpace(term))
        {
            query = Matching(query, term.Trim());
        }

        if (status is not null && SubscriptionStatuses.All.Contains(status))
        {
            query = query.Where(SubscriptionRules.HasStatus(status, now, grace));
        }

        var rows = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var merchants = rows.Take(PageSize).Select(u => new AdminMerchantRow(u.PublicId, u.UserName!, u.Email, u.Phone,
            SubscriptionRules.StatusOf(u, now, grace), u.SubscriptionExpiresAt, u.CreatedAt)).ToList();
        return new AdminMerchantPage(merchants, page, rows.Count > PageSize);
    }

    private IQueryable<Merchant> Matching(IQueryable<Merchant> query, string term)
    {
        var upper = term.ToUpperInvariant();
        string? phone = Phones.TryNormalize(term, out var normalized) ? normalized : null;
        int? sequence = term.StartsWith('#') && PaymentIds.TryParse(term, out var s) ? s : null;
        return query.Where(u => u.NormalizedUserName!.Contains(upper)
            || u.NormalizedEmail!.Contains(upper)
            || u.PublicId == term
            || (phone != null && u.Phone == phone)
            || db.PaymentAccounts.Any(a => a.MerchantId == u.Id && (a.Number == term || (sequence != null && a.Sequence == sequence)))
            || db.Transactions.Any(t => t.MerchantId == u.Id && (t.PublicId == term || t.Receipt == upper))
            // Subscription payments belong to the platform tenant: found by the merchant who paid.
            || db.SubscriptionPayments.Any(p => p.MerchantId == u.Id && (p.Transaction!.PublicId == term || p.Transaction.Receipt == upper)));
    }

    public async Task<Result<AdminMerchantDetails>> GetAsync(string? publicId, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.PublicId == publicId && !u.IsPlatform && !u.MemberOnly, cancellationToken);
        if (merchant is null)
        {
            return MerchantNotFound();
        }

        var overview = (await subscriptions.OverviewAsync(merchant.Id, cancellationToken)).Value!;
        var accounts = await db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == merchant.Id).OrderBy(a => a.Sequence)
            .ToListAsync(cancellationToken);
        var since = time.GetUtcNow().AddDays(-VolumeDays);
        var volume = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == merchant.Id && t.Status == TransactionStatuses.Succeeded && t.CreatedAt >= since)
            .GroupBy(t => t.MerchantId)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(t => t.Amount) })
            .SingleOrDefaultAsync(cancellationToken);
        var (lastAt, last) = await LastActivityAsync(merchant, cancellationToken);
        var isAdmin = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == merchant.Id && r.Name == AdminRoles.Admin
                             select ur).AnyAsync(cancellationToken);
        return new AdminMerchantDetails(
            merchant.PublicId, merchant.UserName!, merchant.Email, merchant.Phone, merchant.CreatedAt, isAdmin,
            overview.Subscription, merchant.SuspendedAt,
            [.. accounts.Select(a => new AdminAccountRow(a.PaymentId, a.Type, a.Number, a.StoreNumber, a.ConsumerKey is not null,
                a.IsPrimary, a.DeletedAt is not null))],
            volume?.Count ?? 0, volume?.Sum ?? 0, lastAt, last, overview.History,
            await plans.ListAsync(cancellationToken));
    }

    /// <summary>The latest of: a payment started, an API key used, signing up (sign-ins are not recorded).</summary>
    private async Task<(DateTimeOffset At, string What)> LastActivityAsync(Merchant merchant, CancellationToken cancellationToken)
    {
        var payment = await db.Transactions.AsNoTracking().Where(t => t.MerchantId == merchant.Id)
            .OrderByDescending(t => t.Id).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.MerchantId == merchant.Id && k.LastUsedAt != null)
            .OrderByDescending(k => k.LastUsedAt).Select(k => k.LastUsedAt).FirstOrDefaultAsync(cancellationToken);
        (DateTimeOffset At, string What) latest = (merchant.CreatedAt, "signed up");
        if (payment is { } p && p > latest.At)
        {
            latest = (p, "payment started");
        }

        if (key is { } k && k > latest.At)
        {
            latest = (k, "API key used");
        }

        return latest;
    }

    internal static ServiceError MerchantNotFound() => ServiceError.NotFound("merchant_not_found", "No such merchant.");
}
