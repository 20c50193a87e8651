using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.ApiKeys;

public sealed record GeneratedApiKey(string Key, string Prefix, string Label, long CreatedAt);

/// <summary>
/// Keys are 40 random base62 characters after <c>sk_</c>; only their SHA-256 is stored (see
/// docs/decisions/0002-api-keys-hashed.md). A slow password hash would add tens of milliseconds to every call
/// and buys nothing against a key with this much entropy.
/// </summary>
public sealed class ApiKeyService(PortalDbContext db, TimeProvider time, AuthenticatedMerchant authenticated)
{
    public const int PrefixLength = 10;
    private const int MaxLabelLength = 60;

    /// <summary>Touching last_used_at at most this often keeps an API call to one indexed read.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    // Every API call asks this, so it is compiled once: translating the LINQ tree again on each call cost more CPU
    // than the query. The whole merchant row comes with the key, so the rest of the request (its subscription, me)
    // asks nothing again.
    private static readonly CompiledPerProvider<Func<PortalDbContext, string, CancellationToken, Task<KeyOwner?>>> FindKeyOwner =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, string hash, CancellationToken _) =>
            (from k in db.ApiKeys.AsNoTracking()
             join m in db.Users on k.MerchantId equals m.Id
             where k.KeyHash == hash && k.RevokedAt == null
             select new KeyOwner(k.Id, k.LastUsedAt, m))
            .SingleOrDefault()));

    public async Task<Result<GeneratedApiKey>> GenerateAsync(string merchantId, string? label, CancellationToken cancellationToken)
    {
        label = string.IsNullOrWhiteSpace(label) ? "Default" : label.Trim();
        if (label.Length > MaxLabelLength)
        {
            return ServiceError.Invalid("invalid_label", $"label must be at most {MaxLabelLength} characters.", "label");
        }

        var key = Ids.NewApiKey();
        var row = new ApiKey
        {
            MerchantId = merchantId,
            Label = label,
            Prefix = key[..PrefixLength],
            KeyHash = Ids.Sha256Hex(key),
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new GeneratedApiKey(key, row.Prefix, row.Label, row.CreatedAt.ToUnixTimeSeconds());
    }

    /// <summary>The merchant's keys in use, oldest first: never the key itself, which is not stored.</summary>
    public async Task<IReadOnlyList<ApiKeyInfoDto>> ListAsync(string merchantId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.MerchantId == merchantId && k.RevokedAt == null)
            .OrderBy(k => k.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(k => new ApiKeyInfoDto(k.Prefix + "…", k.Prefix, k.Label, k.CreatedAt.ToUnixTimeSeconds(),
            k.LastUsedAt?.ToUnixTimeSeconds()) { Id = k.Id })];
    }

    /// <summary>Takes effect at once: <see cref="AuthenticateAsync"/> reads the row on every call.</summary>
    public async Task<Result<string>> RevokeAsync(string merchantId, long keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = await db.ApiKeys
            .Where(k => k.MerchantId == merchantId && k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        if (revoked == 0)
        {
            return ServiceError.NotFound("api_key_not_found", "No such API key on this merchant.");
        }

        return await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.Label).SingleAsync(cancellationToken);
    }

    /// <summary>The merchant a key belongs to; refused for an unknown or revoked key, or a suspended merchant.</summary>
    public async Task<Result<SignedInMerchant>> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith("sk_", StringComparison.Ordinal) || key.Length > 100)
        {
            return InvalidKey();
        }

        var found = await FindKeyOwner.For(db)(db, Ids.Sha256Hex(key), cancellationToken);
        if (found is null)
        {
            return InvalidKey();
        }

        var merchant = found.Merchant;
        if (merchant.SuspendedAt is not null)
        {
            return new ServiceError(ErrorKind.Forbidden, "merchant_suspended",
                "This merchant account is suspended by the portal operator: its API keys are refused. Contact the operator.");
        }

        var now = time.GetUtcNow();
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            // Conditional, so a burst of calls that all read an old time writes it once, not once each.
            var stale = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == found.KeyId && (k.LastUsedAt == null || k.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        authenticated.Remember(merchant);
        return new SignedInMerchant(merchant.Id, merchant.PublicId, merchant.UserName!);
    }

    private sealed record KeyOwner(long KeyId, DateTimeOffset? LastUsedAt, Merchant Merchant);

    private static ServiceError InvalidKey() =>
        new(ErrorKind.Unauthenticated, "not_authenticated", "The API key is not valid (unknown or revoked).");
}
