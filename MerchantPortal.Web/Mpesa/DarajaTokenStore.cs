using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Mpesa;

/// <summary>A Daraja app's token as every instance sees it.</summary>
public sealed record StoredDarajaToken(string? Token, DateTimeOffset ExpiresAt, long Version, DateTimeOffset? RefreshLeaseUntil);

/// <summary>Where the one token per Daraja app lives, shared by every instance of the portal.</summary>
public interface IDarajaTokenStore
{
    Task<StoredDarajaToken?> ReadAsync(string appKey, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the right to fetch the app's next token, if no one has saved a newer one than <paramref name="seenVersion"/>
    /// and no other instance holds the right (or its lease ran out). True: the caller fetches and saves.
    /// </summary>
    Task<bool> TryLeaseAsync(string appKey, long seenVersion, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Saves a new token as the next version, gives up the lease and answers the version saved.</summary>
    Task<long> SaveAsync(string appKey, string token, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string appKey, CancellationToken cancellationToken);

    /// <summary>Daraja called this version dead: no instance uses it again. A newer version is left alone.</summary>
    Task ExpireAsync(string appKey, long version, CancellationToken cancellationToken);
}

/// <summary>The tokens in the portal's database (table <c>DarajaTokens</c>), protected at rest with Data Protection.</summary>
public sealed class DbDarajaTokenStore(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection) : IDarajaTokenStore
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("MerchantPortal.Daraja.Token.v1");

    public async Task<StoredDarajaToken?> ReadAsync(string appKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await Db(scope).DarajaTokens.AsNoTracking().SingleOrDefaultAsync(t => t.AppKeyHash == appKey, cancellationToken);
        return row is null ? null : new StoredDarajaToken(Unprotect(row.TokenProtected), row.ExpiresAt, row.Version, row.RefreshLeaseUntil);
    }

    public async Task<bool> TryLeaseAsync(
        string appKey, long seenVersion, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        if (seenVersion == 0)
        {
            await InsertIfAbsentAsync(db, appKey, cancellationToken);
        }

        // Compare-and-swap: of many instances that saw the same stale version, exactly one takes the lease.
        return await db.DarajaTokens
            .Where(t => t.AppKeyHash == appKey && t.Version == seenVersion && (t.RefreshLeaseUntil == null || t.RefreshLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RefreshLeaseUntil, until), cancellationToken) == 1;
    }

    public async Task<long> SaveAsync(string appKey, string token, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var protectedToken = protector.Protect(token);
        var db = Db(scope);
        await db.DarajaTokens.Where(t => t.AppKeyHash == appKey).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.TokenProtected, protectedToken)
            .SetProperty(t => t.ExpiresAt, expiresAt)
            .SetProperty(t => t.Version, t => t.Version + 1)
            .SetProperty(t => t.RefreshLeaseUntil, (DateTimeOffset?)null), cancellationToken);
        return await db.DarajaTokens.Where(t => t.AppKeyHash == appKey).Select(t => t.Version).SingleAsync(cancellationToken);
    }

    public async Task ReleaseLeaseAsync(string appKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Db(scope).DarajaTokens.Where(t => t.AppKeyHash == appKey)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RefreshLeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task ExpireAsync(string appKey, long version, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await Db(scope).DarajaTokens.Where(t => t.AppKeyHash == appKey && t.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UnixEpoch), cancellationToken);
    }

    private static PortalDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<PortalDbContext>();

    private static async Task InsertIfAbsentAsync(PortalDbContext db, string appKey, CancellationToken cancellationToken)
    {
        db.DarajaTokens.Add(new DarajaToken { AppKeyHash = appKey, ExpiresAt = DateTimeOffset.UnixEpoch });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.FindUniqueViolation(ex) is not null)
        {
            // Another instance made the row first: the lease below decides who fetches.
        }
    }

    /// <summary>A token the key ring can no longer read is as good as none: a new one is fetched.</summary>
    private string? Unprotect(string? value)
    {
        try
        {
            return value is null ? null : protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
