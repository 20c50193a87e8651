using System.Collections.Concurrent;
using System.Diagnostics;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Mpesa;

/// <summary>An access token and the version of it in the store, so a report that it is dead expires only this one.</summary>
public sealed record DarajaAccessToken(string Value, long Version);

/// <summary>
/// One OAuth token per Daraja app, kept in the store every instance shares and refreshed a minute before it expires
/// by one instance at a time. Daraja may revoke the previous token on each new one (its Authorization page: "each
/// request invalidates the previous token"), so instances must never each fetch their own.
/// </summary>
public sealed class DarajaTokenCache(IDarajaTokenStore store, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StoreRecheck = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The token this instance last read from the store or saved to it, used for a few seconds without reading (and
    /// unprotecting) the shared row on every push. A token another instance replaced meanwhile is refused by Daraja at
    /// most once here: that refusal invalidates it, and DarajaClient's one retry reads the store.
    /// </summary>
    private readonly ConcurrentDictionary<string, (DarajaAccessToken Token, DateTimeOffset ExpiresAt, DateTimeOffset RecheckAt)> recent = new();

    /// <summary>In-process: one caller per app asks the store for the lease, the others wait behind it.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();

    /// <param name="fetchTimeout">How long one OAuth request may take: another instance's lease lasts a little longer.</param>
    public async Task<DarajaResult<DarajaAccessToken>> GetAsync(
        DarajaCredentials credentials,
        Func<CancellationToken, Task<DarajaResult<(string Token, TimeSpan Lifetime)>>> fetch,
        TimeSpan fetchTimeout,
        CancellationToken cancellationToken)
    {
        var key = AppKey(credentials);
        if (recent.TryGetValue(key, out var kept) && time.GetUtcNow() is var at && at < kept.RecheckAt && at < kept.ExpiresAt)
        {
            return DarajaResult<DarajaAccessToken>.Ok(kept.Token);
        }

        var gate = gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        var lease = fetchTimeout + TimeSpan.FromSeconds(10);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var row = await store.ReadAsync(key, cancellationToken);
            if (Fresh(key, row) is { } fresh)
            {
                return DarajaResult<DarajaAccessToken>.Ok(fresh);
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                row = await store.ReadAsync(key, cancellationToken);
                if (Fresh(key, row) is { } fetchedMeanwhile)
                {
                    return DarajaResult<DarajaAccessToken>.Ok(fetchedMeanwhile);
                }

                var now = time.GetUtcNow();
                if (await store.TryLeaseAsync(key, row?.Version ?? 0, now, now + lease, cancellationToken))
                {
                    return await FetchAndSaveAsync(key, fetch, cancellationToken);
                }
            }
            finally
            {
                gate.Release();
            }

            // Another instance is fetching: its token will be in the store shortly, or its lease runs out and we fetch.
            if (waited.Elapsed > lease * 2)
            {
                return DarajaResult<DarajaAccessToken>.Fail(new DarajaFailure(DarajaFailureKind.Unavailable, 0, "unavailable",
                    "M-Pesa (Daraja) did not issue a token in time. Try again in a moment."));
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Forget a token Daraja called invalid, on every instance, so the next call fetches a new one.</summary>
    public Task InvalidateAsync(DarajaCredentials credentials, DarajaAccessToken token, CancellationToken cancellationToken)
    {
        recent.TryRemove(AppKey(credentials), out _);
        return store.ExpireAsync(AppKey(credentials), token.Version, cancellationToken);
    }

    private async Task<DarajaResult<DarajaAccessToken>> FetchAndSaveAsync(
        string key, Func<CancellationToken, Task<DarajaResult<(string Token, TimeSpan Lifetime)>>> fetch,
        CancellationToken cancellationToken)
    {
        DarajaResult<(string Token, TimeSpan Lifetime)> fetched;
        try
        {
            fetched = await fetch(cancellationToken);
        }
        catch
        {
            await store.ReleaseLeaseAsync(key, CancellationToken.None);
            throw;
        }

        if (!fetched.Succeeded)
        {
            await store.ReleaseLeaseAsync(key, CancellationToken.None);
            return DarajaResult<DarajaAccessToken>.Fail(fetched.Failure!);
        }

        var (token, lifetime) = fetched.Value;
        var expiresAt = time.GetUtcNow() + lifetime - RefreshMargin;
        var version = await store.SaveAsync(key, token, expiresAt, CancellationToken.None);
        return DarajaResult<DarajaAccessToken>.Ok(Remember(key, new DarajaAccessToken(token, version), expiresAt));
    }

    private DarajaAccessToken? Fresh(string key, StoredDarajaToken? row) =>
        row is { Token: { } token } && time.GetUtcNow() < row.ExpiresAt ? Remember(key, new DarajaAccessToken(token, row.Version), row.ExpiresAt) : null;

    private DarajaAccessToken Remember(string key, DarajaAccessToken token, DateTimeOffset expiresAt)
    {
        recent[key] = (token, expiresAt, time.GetUtcNow() + StoreRecheck);
        return token;
    }

    /// <summary>
    /// The row key: a hash, so the consumer key is not stored in clear. The secret is in it (hashed) so that a wrong
    /// secret saved with a right key never borrows the right pair's token ("Test connection" must fail then). A test-mode
    /// app's token comes from the built-in simulator, so it is kept apart from the same app's token from Daraja.
    /// </summary>
    public static string AppKey(DarajaCredentials c) =>
        Ids.Sha256Hex((c.Simulated ? "simulated:" : "") + c.ConsumerKey.Trim() + ":" + Ids.Sha256Hex(c.ConsumerSecret.Trim()));
}
