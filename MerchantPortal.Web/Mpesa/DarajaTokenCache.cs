using System.Collections.Concurrent;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// One OAuth token per credential pair, shared by all requests and refreshed a minute before it expires
/// (Daraja may revoke the previous token on each new one, so never fetch one per call).
/// </summary>
public sealed class DarajaTokenCache(TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Entry> entries = new();

    public async Task<DarajaResult<string>> GetAsync(
        DarajaCredentials credentials,
        Func<CancellationToken, Task<DarajaResult<(string Token, TimeSpan Lifetime)>>> fetch,
        CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(CacheKey(credentials), _ => new Entry());
        if (entry.IsFresh(time.GetUtcNow()))
        {
            return DarajaResult<string>.Ok(entry.Token!);
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.IsFresh(time.GetUtcNow()))
            {
                return DarajaResult<string>.Ok(entry.Token!);
            }

            var fetched = await fetch(cancellationToken);
            if (!fetched.Succeeded)
            {
                return DarajaResult<string>.Fail(fetched.Failure!);
            }

            var (token, lifetime) = fetched.Value;
            entry.Token = token;
            entry.ExpiresAt = time.GetUtcNow() + lifetime - RefreshMargin;
            return DarajaResult<string>.Ok(token);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forget a token Daraja called invalid, so the next call fetches a new one.</summary>
    public void Invalidate(DarajaCredentials credentials, string token)
    {
        if (entries.TryGetValue(CacheKey(credentials), out var entry) && entry.Token == token)
        {
            entry.ExpiresAt = DateTimeOffset.MinValue;
        }
    }

    // The secret is part of the key only as a hash, so it is not kept in memory twice in plain text.
    private static string CacheKey(DarajaCredentials c) => c.ConsumerKey + ":" + Ids.Sha256Hex(c.ConsumerSecret);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MinValue;

        public bool IsFresh(DateTimeOffset now) => Token is not null && now < ExpiresAt;
    }
}
