using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PayPages;
using MerchantPortal.Web.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentLinks;

public sealed class PaymentLinkService(
    PortalDbContext db,
    IValidator<CreateLinkRequest> validator,
    PublicUrls urls,
    SubscriptionGate subscriptions,
    LinkCodeService codes,
    LinkCollections collections,
    TimeProvider time)
{
    // Every customer who opens a link runs this: compiled once (translating it on each view was about a tenth of the
    // pay page's CPU).
    private static readonly CompiledPerProvider<Func<PortalDbContext, string?, string, CancellationToken, Task<PublicPageRow?>>> PublicPage =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, string? uid, string lid, CancellationToken _) =>
            (from l in db.PaymentLinks.AsNoTracking()
             join m in db.Users on l.MerchantId equals m.Id
             where l.PublicId == lid && l.DeletedAt == null && (uid == null || m.PublicId == uid)
             // The same account a push from this link would use: the link's own, else the primary one.
             let accountId = db.PaymentAccounts
                 .Where(a => a.MerchantId == l.MerchantId && a.DeletedAt == null && (l.PaymentAccountId == null || a.Id == l.PaymentAccountId))
                 .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Sequence)
                 .Select(a => (long?)a.Id).FirstOrDefault()
             join a in db.PaymentAccounts on accountId equals (long?)a.Id into chosen
             from account in chosen.DefaultIfEmpty()
             select new PublicPageRow
             {
                 Public = new PublicLinkRow
                 {
                     Link = l, MerchantPublicId = m.PublicId, UserName = m.UserName!, BusinessName = m.BusinessName,
                     SubscriptionStatus = m.SubscriptionStatus, SubscriptionExpiresAt = m.SubscriptionExpiresAt, SuspendedAt = m.SuspendedAt,
                 },
                 LogoSha = db.MerchantLogos.Where(g => g.MerchantId == l.MerchantId).Select(g => g.Sha256).FirstOrDefault(),
                 AccountType = account.Type,
                 AccountNumber = account.Number,
             }).SingleOrDefault()));

    public async Task<Result<CreatedLink>> CreateAsync(string merchantId, CreateLinkRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var merchantPublicId = await db.Users.Where(u => u.Id == merchantId).Select(u => u.PublicId).SingleAsync(cancellationToken);
        var account = await ResolveAccountAsync(merchantId, request.PaymentId, cancellationToken);
        if (!account.Succeeded)
        {
            return account.Error!;
        }

        var link = new PaymentLink
        {
            MerchantId = merchantId,
            PublicId = Ids.NewLinkId(),
            Title = request.Title!.Trim(),
            Amount = ParseOptional(request.Amount),
            MinAmount = ParseOptional(request.Min),
            MaxAmount = ParseOptional(request.Max),
            LogoUrl = request.Logo?.Trim(),
            PaymentAccountId = account.Value.Id,
            CollectTotal = ParseTotal(request.CollectTotal),
            CreatedAt = time.GetUtcNow(),
        };
        db.PaymentLinks.Add(link);
        var saved = await codes.SaveNewAsync(link, LinkAccountCodes.Normalise(request.AccountCode), cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        var dto = ToDto(link, merchantPublicId, account.Value.PaymentId);
        return new CreatedLink(dto, dto.PublicUrl);
    }

    /// <summary>Replaces the link's title, amounts, logo and account; its id and URL stay the same.</summary>
    public async Task<Result<PaymentLinkDto>> UpdateAsync(
        string merchantId, string? linkId, CreateLinkRequest request, CancellationToken cancellationToken)
    {
        var link = await db.PaymentLinks.SingleOrDefaultAsync(
            l => l.MerchantId == merchantId && l.PublicId == linkId && l.DeletedAt == null, cancellationToken);
        if (link is null)
        {
            return LinkNotFound();
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var account = await ResolveAccountAsync(merchantId, request.PaymentId, cancellationToken);
        if (!account.Succeeded)
        {
            return account.Error!;
        }

        link.Title = request.Title!.Trim();
        link.Amount = ParseOptional(request.Amount);
        link.MinAmount = ParseOptional(request.Min);
        link.MaxAmount = ParseOptional(request.Max);
        link.LogoUrl = request.Logo?.Trim();
        link.PaymentAccountId = account.Value.Id;
        await collections.SetTotalAsync(link, ParseTotal(request.CollectTotal), cancellationToken);
        var saved = await codes.SaveEditedAsync(link, LinkAccountCodes.Normalise(request.AccountCode), cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        var merchantPublicId = await db.Users.Where(u => u.Id == merchantId).Select(u => u.PublicId).SingleAsync(cancellationToken);
        return ToDto(link, merchantPublicId, account.Value.PaymentId);
    }

    /// <summary>A disabled link's page stays up and tells the customer it is not accepting payments.</summary>
    public async Task<Result<bool>> SetActiveAsync(string merchantId, string? linkId, bool active, CancellationToken cancellationToken)
    {
        var changed = await db.PaymentLinks
            .Where(l => l.MerchantId == merchantId && l.PublicId == linkId && l.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.IsActive, active), cancellationToken);
        return changed == 0 ? LinkNotFound() : active;
    }

    /// <summary>Soft delete: the pay page answers 404; transactions keep the link id in their history.</summary>
    public async Task<Result<bool>> DeleteAsync(string merchantId, string? linkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.PaymentLinks
            .Where(l => l.MerchantId == merchantId && l.PublicId == linkId && l.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.DeletedAt, now).SetProperty(l => l.IsActive, false), cancellationToken);
        return changed == 0 ? LinkNotFound() : true;
    }

    /// <summary>The dashboard's list, newest first, with what each link collected: one grouped query, not one per link.</summary>
    public Task<List<PaymentLinkSummary>> ListAsync(string merchantId, CancellationToken cancellationToken) =>
        SummariesAsync(merchantId, null, cancellationToken);

    public async Task<Result<PaymentLinkSummary>> GetAsync(string merchantId, string? linkId, CancellationToken cancellationToken)
    {
        var found = linkId is null ? [] : await SummariesAsync(merchantId, linkId, cancellationToken);
        return found.Count == 0 ? LinkNotFound() : found[0];
    }

    private async Task<List<PaymentLinkSummary>> SummariesAsync(string merchantId, string? linkId, CancellationToken cancellationToken)
    {
        var merchantPublicId = await db.Users.Where(u => u.Id == merchantId).Select(u => u.PublicId).SingleAsync(cancellationToken);
        var rows = await (from l in db.PaymentLinks.AsNoTracking()
                          where l.MerchantId == merchantId && l.DeletedAt == null && (linkId == null || l.PublicId == linkId)
                          join a in db.PaymentAccounts on l.PaymentAccountId equals (long?)a.Id into accounts
                          from a in accounts.DefaultIfEmpty()
                          orderby l.Id descending
                          // Where a menu payment goes: the link's account, else the primary one (as a push would). Two
                          // scalar subqueries: SQLite has no LATERAL join for one that brings two columns.
                          select new
                          {
                              Link = l, Sequence = a == null ? (int?)null : a.Sequence,
                              MenuType = db.PaymentAccounts
                                  .Where(p => p.MerchantId == merchantId && p.DeletedAt == null
                                      && ((l.PaymentAccountId == null && p.IsPrimary) || p.Id == l.PaymentAccountId))
                                  .OrderBy(p => p.Sequence).Select(p => p.Type).FirstOrDefault(),
                              MenuNumber = db.PaymentAccounts
                                  .Where(p => p.MerchantId == merchantId && p.DeletedAt == null
                                      && ((l.PaymentAccountId == null && p.IsPrimary) || p.Id == l.PaymentAccountId))
                                  .OrderBy(p => p.Sequence).Select(p => p.Number).FirstOrDefault(),
                          })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => (long?)r.Link.Id).ToList();
        var stats = await db.Transactions.AsNoTracking()
            .Where(t => t.MerchantId == merchantId && t.Status == TransactionStatuses.Succeeded && ids.Contains(t.PaymentLinkId))
            .GroupBy(t => t.PaymentLinkId)
            .Select(g => new { LinkId = g.Key!.Value, Count = g.Count(), Sum = g.Sum(t => t.Amount) })
            .ToDictionaryAsync(g => g.LinkId, cancellationToken);
        return [.. rows.Select(r =>
        {
            var dto = ToDto(r.Link, merchantPublicId, r.Sequence is { } sequence ? PaymentAccount.FormatPaymentId(sequence) : null);
            stats.TryGetValue(r.Link.Id, out var s);
            var menu = r.MenuType is null || r.MenuNumber is null ? null : PayDestination.Of(r.MenuType, r.MenuNumber, r.Link.AccountCode);
            return new PaymentLinkSummary(dto, s?.Count ?? 0, s?.Sum ?? 0, ShareOf(dto), menu, r.Link.PaidAt);
        })];
    }

    /// <summary>People get the short <c>/pay/{lid}</c>: a shorter message and a less dense QR code than the API's public_url.</summary>
    private LinkShare ShareOf(PaymentLinkDto link) => LinkSharing.For(link.Title, LinkAmounts.Describe(link), urls.ShortPayLink(link.Id));

    /// <summary>
    /// The pay page's view of a link. The link id is unique across the portal, so the short <c>/pay/{lid}</c>
    /// needs no uid; when a uid is given it must be the link's merchant.
    /// </summary>
    public async Task<Result<PublicLinkView>> GetPublicAsync(string? uid, string? lid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lid))
        {
            return MissingLid();
        }

        var row = await PublicPageAsync(uid, lid, cancellationToken);
        return row is null ? LinkNotFound() : ToPublic(row.Public);
    }

    /// <summary>
    /// The live link at a public address with all its page shows (<see cref="PublicPageRow"/>), for the pay page, the
    /// poster and <c>paylink</c> alike, so the address rule is written once.
    /// </summary>
    internal Task<PublicPageRow?> PublicPageAsync(string? uid, string lid, CancellationToken cancellationToken) =>
        PublicPage.For(db)(db, uid, lid, cancellationToken);

    internal PublicLinkView ToPublic(PublicLinkRow row)
    {
        var link = row.Link;
        var status = subscriptions.StatusOf(row.SubscriptionStatus, row.SubscriptionExpiresAt, row.SuspendedAt);
        return new PublicLinkView(row.MerchantPublicId, row.UserName, link.PublicId, link.Title, link.Amount, link.MinAmount, link.MaxAmount,
            link.LogoUrl, link.IsActive, SubscriptionRules.CanTakePayments(status));
    }

    public PaymentLinkDto ToDto(PaymentLink l, string merchantPublicId, string? paymentId) =>
        new(l.PublicId, l.Title, l.Amount, l.MinAmount, l.MaxAmount, l.LogoUrl, paymentId, l.IsActive,
            urls.PayLink(merchantPublicId, l.PublicId), l.CreatedAt.ToUnixTimeSeconds(), l.AccountCode, l.CollectTotal);

    internal static ServiceError MissingLid() => ServiceError.Invalid("invalid_lid", "lid is required (from the payment link URL).", "lid");

    internal static ServiceError LinkNotFound() => ServiceError.NotFound("link_not_found", "This payment link does not exist.");

    /// <summary>No payment_id means the merchant's primary account at payment time.</summary>
    private async Task<Result<(long? Id, string? PaymentId)>> ResolveAccountAsync(
        string merchantId, string? paymentId, CancellationToken cancellationToken)
    {
        if (paymentId is null)
        {
            return (null, null);
        }

        PaymentIds.TryParse(paymentId, out var sequence);
        var accountId = await db.PaymentAccounts
            .Where(a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null)
            .Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
        return accountId is null
            ? PaymentAccountService.NotFound(paymentId)
            : (accountId, PaymentAccount.FormatPaymentId(sequence));
    }

    private static long? ParseOptional(string? value) => Amounts.TryParse(value, out var amount, out _) ? amount : null;

    private static long? ParseTotal(string? value) => LinkTotals.TryParse(value, out var total) ? total : null;
}
