using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.Modes;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.ApiKeys;

public sealed record GeneratedApiKey(string Key, string Prefix, string Label, long CreatedAt, string Mode);

/// <summary>
/// Keys are 40 random base62 characters after <c>sk_live_</c> or <c>sk_test_</c> (their mode; keys made before modes
/// are <c>sk_</c> and live); only their SHA-256 is stored (see
/// docs/decisions/0002-api-keys-hashed.md). A slow password hash would add tens of milliseconds to every call
/// and buys nothing against a key with this much entropy.
/// </summary>
public sealed class ApiKeyService(
    PortalDbContext db, TimeProvider time, AuthenticatedMerchant authenticated, DataMode mode, Members.BusinessAuditLog audit)
{
    /// <summary>How much of a key before modes is shown (<c>sk_AbC1234</c>).</summary>
    public const int PrefixLength = 10;

    /// <summary>How much of a key with a mode is shown (<c>sk_live_AbC123</c>).</summary>
    public const int ModePrefixLength = 14;
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
             select new KeyOwner(k.Id, k.LastUsedAt, k.Livemode, m, k.CreatedById,
                 db.BusinessMembers.Where(b => b.MerchantId == k.MerchantId && b.UserId == k.CreatedById).Select(b => b.Role).FirstOrDefault()))
            .SingleOrDefault()));

    /// <param name="modeName"><c>live</c> (blank is live) or <c>test</c>: the data the key reads and writes.</param>
    /// <param name="me">The business the key is for, and who makes it (recorded on the key and in the audit log).</param>
    public async Task<Result<GeneratedApiKey>> GenerateAsync(
        SignedInMerchant me, string? label, string? modeName, CancellationToken cancellationToken)
    {
        var merchantId = me.Id;
        label = string.IsNullOrWhiteSpace(label) ? "Default" : label.Trim();
        if (label.Length > MaxLabelLength)
        {
            return ServiceError.Invalid("invalid_label", $"label must be at most {MaxLabelLength} characters.", "label");
        }

        if (!PlainText.IsOneLine(label))
        {
            return ServiceError.Invalid("invalid_label", ValidationExtensions.OneLineMessage("label"), "label");
        }

        if (!DataModes.TryParse(modeName, out var livemode))
        {
            return ServiceError.Invalid("invalid_mode", "mode must be live or test.", "mode");
        }

        // A test key makes test keys only: otherwise whoever holds one could give themselves live access.
        if (livemode && mode.RefuseInTestMode("A live key") is { } liveOnly)
        {
            return liveOnly;
        }

        var key = Ids.NewApiKey(livemode);
        var row = new ApiKey
        {
            MerchantId = merchantId,
            Label = label,
            Prefix = PrefixOf(key)!,
            KeyHash = Ids.Sha256Hex(key),
            CreatedAt = time.GetUtcNow(),
            Livemode = livemode,
            // A key made with a key is the same maker's.
            CreatedById = me.PersonId ?? me.KeyMakerId,
        };
        db.ApiKeys.Add(row);
        await audit.RecordAsync(me, Members.BusinessAuditActions.ApiKeyCreate, row.Prefix, $"{label} ({DataModes.Name(livemode)})", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new GeneratedApiKey(key, row.Prefix, row.Label, row.CreatedAt.ToUnixTimeSeconds(), DataModes.Name(livemode));
    }

    /// <summary>The part of a key that may be shown and logged, or null for something too short to be a key.</summary>
    public static string? PrefixOf(string key)
    {
        var length = key.StartsWith(Ids.ApiKeyPrefix(true), StringComparison.Ordinal) || key.StartsWith(Ids.ApiKeyPrefix(false), StringComparison.Ordinal)
            ? ModePrefixLength
            : PrefixLength;
        return key.Length >= length ? key[..length] : null;
    }

    /// <summary>The merchant's keys in use, oldest first: never the key itself, which is not stored.</summary>
    public async Task<IReadOnlyList<ApiKeyInfoDto>> ListAsync(string merchantId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.MerchantId == merchantId && k.RevokedAt == null)
            .OrderBy(k => k.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(k => new ApiKeyInfoDto(k.Prefix + "…", k.Prefix, k.Label, k.CreatedAt.ToUnixTimeSeconds(),
            k.LastUsedAt?.ToUnixTimeSeconds(), DataModes.Name(k.Livemode)) { Id = k.Id })];
    }

    /// <summary>Takes effect at once: <see cref="AuthenticateAsync"/> reads the row on every call.</summary>
    public async Task<Result<string>> RevokeAsync(SignedInMerchant me, long keyId, CancellationToken cancellationToken)
    {
        var merchantId = me.Id;
        var now = time.GetUtcNow();
        var revoked = await db.ApiKeys
            .Where(k => k.MerchantId == merchantId && k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        if (revoked == 0)
        {
            return ServiceError.NotFound("api_key_not_found", "No such API key on this merchant.");
        }

        var revokedKey = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => new { k.Label, k.Prefix }).SingleAsync(cancellationToken);
        await audit.RecordAsync(me, Members.BusinessAuditActions.ApiKeyRevoke, revokedKey.Prefix, revokedKey.Label, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return revokedKey.Label;
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

        // A key acts with no more than the role its maker holds now: a maker who left takes their keys' access along.
        if (found.CreatedById is not null && found.MakerRole is null)
        {
            return new ServiceError(ErrorKind.Unauthenticated, "not_authenticated",
                "The API key is not valid any more: the member who made it has left the business.");
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
        mode.Use(found.Livemode);
        return new SignedInMerchant(merchant.Id, merchant.PublicId, merchant.UserName!)
        {
            Role = found.MakerRole is null ? Members.MemberRoles.ApiKey : Members.MemberRoles.KeyOf(found.MakerRole),
            KeyMakerId = found.CreatedById,
        };
    }

    private sealed record KeyOwner(long KeyId, DateTimeOffset? LastUsedAt, bool Livemode, Merchant Merchant, string? CreatedById, string? MakerRole);

    private static ServiceError InvalidKey() =>
        new(ErrorKind.Unauthenticated, "not_authenticated", "The API key is not valid (unknown or revoked).");
}
