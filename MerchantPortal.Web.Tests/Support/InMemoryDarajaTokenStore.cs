using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>The shared token store without a database, for unit tests of the client (one lock, like one row).</summary>
public sealed class InMemoryDarajaTokenStore : IDarajaTokenStore
{
    private readonly Dictionary<string, StoredDarajaToken> rows = [];

    public Task<StoredDarajaToken?> ReadAsync(string appKey, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            return Task.FromResult(rows.GetValueOrDefault(appKey));
        }
    }

    public Task<bool> TryLeaseAsync(string appKey, long seenVersion, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            var row = rows.GetValueOrDefault(appKey) ?? new StoredDarajaToken(null, DateTimeOffset.UnixEpoch, 0, null);
            if (row.Version != seenVersion || row.RefreshLeaseUntil >= now)
            {
                return Task.FromResult(false);
            }

            rows[appKey] = row with { RefreshLeaseUntil = until };
            return Task.FromResult(true);
        }
    }

    public Task<long> SaveAsync(string appKey, string token, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            var version = (rows.GetValueOrDefault(appKey)?.Version ?? 0) + 1;
            rows[appKey] = new StoredDarajaToken(token, expiresAt, version, null);
            return Task.FromResult(version);
        }
    }

    public Task ReleaseLeaseAsync(string appKey, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            if (rows.TryGetValue(appKey, out var row))
            {
                rows[appKey] = row with { RefreshLeaseUntil = null };
            }

            return Task.CompletedTask;
        }
    }

    public Task ExpireAsync(string appKey, long version, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            if (rows.TryGetValue(appKey, out var row) && row.Version == version)
            {
                rows[appKey] = row with { ExpiresAt = DateTimeOffset.UnixEpoch };
            }

            return Task.CompletedTask;
        }
    }
}
