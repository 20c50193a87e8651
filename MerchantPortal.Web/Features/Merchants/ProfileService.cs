using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>The merchant's own profile, as <c>me</c> and the dashboard show it.</summary>
public sealed class ProfileService(
    PortalDbContext db, PaymentLinkService links, Subscriptions.SubscriptionViews subscriptions, AuthenticatedMerchant authenticated)
{
    // me is answered on every call by API key, so its lists are compiled once (as the key lookup is: ApiKeyService).
    private static readonly CompiledPerProvider<Func<PortalDbContext, string, IAsyncEnumerable<KeyRow>>> LiveKeys =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, string merchantId) => db.ApiKeys.AsNoTracking()
            .Where(k => k.MerchantId == merchantId && k.RevokedAt == null)
            .OrderBy(k => k.Id)
            .Select(k => new KeyRow(k.Id, k.Prefix, k.Label, k.CreatedAt, k.LastUsedAt, k.Livemode))));

    private static readonly CompiledPerProvider<Func<PortalDbContext, string, IAsyncEnumerable<PaymentAccount>>> LiveAccounts =
        new(() => EF.CompileAsyncQuery<PortalDbContext, string, PaymentAccount>((db, merchantId) => db.PaymentAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.DeletedAt == null).OrderBy(a => a.Sequence)));

    private static readonly CompiledPerProvider<Func<PortalDbContext, string, IAsyncEnumerable<PaymentLink>>> LiveLinks =
        new(() => EF.CompileAsyncQuery<PortalDbContext, string, PaymentLink>((db, merchantId) => db.PaymentLinks.AsNoTracking()
            .Where(l => l.MerchantId == merchantId && l.DeletedAt == null).OrderBy(l => l.Id)));

    /// <param name="withKeys">Whether the caller's role may see the business's API keys (the list is empty otherwise).</param>
    /// <param name="withLists">Whether the caller's role may read the business's accounts and links (empty otherwise).</param>
    public async Task<Result<ProfileDto>> GetAsync(string merchantId, bool withKeys, CancellationToken cancellationToken, bool withLists = true)
    {
        var merchant = authenticated.Of(merchantId) ?? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in or send an API key.");
        }

        var keys = withKeys ? await LiveKeys.For(db)(db, merchantId).ToListAsync(cancellationToken) : [];
        var accounts = withLists ? await LiveAccounts.For(db)(db, merchantId).ToListAsync(cancellationToken) : [];
        var linkRows = withLists ? await LiveLinks.For(db)(db, merchantId).ToListAsync(cancellationToken) : [];

        var paymentIds = accounts.ToDictionary(a => a.Id, a => a.PaymentId);
        return new ProfileDto(
            merchant.PublicId,
            merchant.UserName!,
            Business.BusinessProfileService.DisplayName(merchant),
            merchant.Email,
            merchant.Phone is null ? null : Phones.ToLocal(merchant.Phone),
            merchant.CreatedAt.ToUnixTimeSeconds(),
            await subscriptions.ViewAsync(merchant, cancellationToken),
            [.. keys.Select(k => new ApiKeyInfoDto(k.Prefix + "…", k.Prefix, k.Label, k.CreatedAt.ToUnixTimeSeconds(),
                k.LastUsedAt?.ToUnixTimeSeconds(), Features.Modes.DataModes.Name(k.Livemode)) { Id = k.Id })],
            [.. accounts.Select(PaymentAccountService.ToDto)],
            [.. linkRows.Select(l => links.ToDto(l, merchant.PublicId,
                l.PaymentAccountId is { } id && paymentIds.TryGetValue(id, out var pid) ? pid : null))]);
    }

    private sealed record KeyRow(long Id, string Prefix, string Label, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Livemode);
}
