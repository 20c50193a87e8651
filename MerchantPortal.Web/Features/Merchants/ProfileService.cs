using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>The merchant's own profile, as <c>me</c> and the dashboard show it.</summary>
public sealed class ProfileService(
    PortalDbContext db, PaymentLinkService links, Subscriptions.SubscriptionService subscriptions, AuthenticatedMerchant authenticated)
{
    public async Task<Result<ProfileDto>> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = authenticated.Of(merchantId) ?? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated", "Sign in or send an API key.");
        }

        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.MerchantId == merchantId && k.RevokedAt == null)
            .OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.Prefix, k.Label, k.CreatedAt, k.LastUsedAt })
            .ToListAsync(cancellationToken);
        var accounts = await db.PaymentAccounts.AsNoTracking()
            .Where(a => a.MerchantId == merchantId && a.DeletedAt == null).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var linkRows = await db.PaymentLinks.AsNoTracking()
            .Where(l => l.MerchantId == merchantId && l.DeletedAt == null).OrderBy(l => l.Id).ToListAsync(cancellationToken);

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
                k.LastUsedAt?.ToUnixTimeSeconds()) { Id = k.Id })],
            [.. accounts.Select(PaymentAccountService.ToDto)],
            [.. linkRows.Select(l => links.ToDto(l, merchant.PublicId,
                l.PaymentAccountId is { } id && paymentIds.TryGetValue(id, out var pid) ? pid : null))]);
    }
}
