using MerchantPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.RateLimits;

/// <summary>Fixed-window counters in the database, shared by every instance.</summary>
public interface IRateLimitCounters
{
    /// <summary>Adds one to the key's window and answers the new count, atomically (concurrent callers each see their own).</summary>
    Task<int> IncrementAsync(string key, long windowStart, CancellationToken cancellationToken);

    /// <summary>Gives one back (never below zero).</summary>
    Task DecrementAsync(string key, long windowStart, CancellationToken cancellationToken);

    /// <summary>Forgets the key's window (a right password clears its failures).</summary>
    Task ResetAsync(string key, long windowStart, CancellationToken cancellationToken);

    /// <summary>Drops windows that started before <paramref name="before"/>; answers how many.</summary>
    Task<int> PruneAsync(long before, CancellationToken cancellationToken);
}

/// <summary>
/// The counters as one UPSERT statement. PostgreSQL and SQLite (3.35+, bundled with Microsoft.Data.Sqlite) take
/// the same <c>INSERT … ON CONFLICT … DO UPDATE … RETURNING</c>, so one implementation serves both; a provider
/// that differs gets its own class behind <see cref="IRateLimitCounters"/>.
/// </summary>
public sealed class SqlRateLimitCounters(PortalDbContext db) : IRateLimitCounters
{
    public async Task<int> IncrementAsync(string key, long windowStart, CancellationToken cancellationToken)
    {
        // The row lock the conflict takes orders concurrent increments: no two callers read the same count.
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES ({key}, {windowStart}, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken);
        return counts.Single();
    }

    public Task DecrementAsync(string key, long windowStart, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == windowStart && c.Count > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - 1), cancellationToken);

    public Task ResetAsync(string key, long windowStart, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == windowStart).ExecuteDeleteAsync(cancellationToken);

    public Task<int> PruneAsync(long before, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.WindowStart < before).ExecuteDeleteAsync(cancellationToken);
}
