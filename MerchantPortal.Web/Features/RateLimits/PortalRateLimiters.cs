using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.RateLimits;

public enum Limit
{
    /// <summary>Failed sign-ins per client IP.</summary>
    FailedLogin,

    /// <summary>Failed sign-ins (password, 2FA or recovery code) per account and client IP: the lockout a stranger can cause only to themselves.</summary>
    FailedSignInFromAddress,

    /// <summary>Registration answers (accounts made, names already taken) per client IP.</summary>
    Registration,

    /// <summary>STK pushes started per merchant.</summary>
    Stk,

    /// <summary>Pay-link pushes started per client IP (many customers share a carrier's IP, so it is generous).</summary>
    PayLinkIp,

    /// <summary>Pay-link pushes started per customer phone.</summary>
    PayLinkPhone,

    /// <summary>Password-reset emails asked for per client IP.</summary>
    PasswordReset,
}

/// <summary>One allowance: which limit, and whose.</summary>
public readonly record struct LimitKey(Limit Limit, string Key);

/// <summary>What a take holds: the counters it added one to, or the limit that refused it (then it holds nothing).</summary>
public sealed record Allowance(IReadOnlyList<(string Key, long Window)> Taken, Limit? RefusedBy)
{
    public bool Granted => RefusedBy is null;
}

/// <summary>
/// The limits on what attracts abuse, counted in the database (<see cref="IRateLimitCounters"/>) in fixed windows,
/// so every instance on one database shares them. An allowance is taken before the work, atomically, and given
/// back when the outcome should not count (a mistyped form, a push that never started): concurrent requests can
/// never all pass a check before any of them is counted.
/// </summary>
public sealed class PortalRateLimiters(IRateLimitCounters counters, IOptions<RateLimitOptions> options, TimeProvider time)
{
    /// <summary>The refusal for a merchant's pushes (api_stk, renewals), whichever door they came through.</summary>
    public const string TooManyPushes = "Too many payment requests. Wait a minute and try again.";

    /// <summary>The refusal for a customer paying through a link (the pay page and pay_from_link).</summary>
    public const string TooManyPayments = "Too many payment attempts. Wait a minute and try again.";

    /// <summary>Takes one of each allowance, all or none; a refusal gives back what it took.</summary>
    public async Task<Allowance> TakeAsync(IReadOnlyList<LimitKey> keys, CancellationToken cancellationToken)
    {
        var taken = new List<(string Key, long Window)>();
        foreach (var key in keys)
        {
            var (permit, windowSeconds) = Rule(key.Limit);
            var counter = (CounterKey(key), WindowStart(windowSeconds));
            var count = await counters.IncrementAsync(counter.Item1, counter.Item2, cancellationToken);
            taken.Add(counter);
            if (count > permit)
            {
                await GiveBackAsync(new Allowance(taken, null));
                return new Allowance([], key.Limit);
            }
        }

        return new Allowance(taken, null);
    }

    /// <summary>Returns what a take held; never cancelled, so an aborted request does not keep an allowance.</summary>
    public async Task GiveBackAsync(Allowance allowance)
    {
        foreach (var (key, window) in allowance.Taken)
        {
            await counters.DecrementAsync(key, window, CancellationToken.None);
        }
    }

    /// <summary>Forgets a key's current window (a right password clears the failures counted against it).</summary>
    public Task ResetAsync(LimitKey key) =>
        counters.ResetAsync(CounterKey(key), WindowStart(Rule(key.Limit).WindowSeconds), CancellationToken.None);

    /// <summary>
    /// Takes the allowances, runs <paramref name="run"/>, and keeps them only when <paramref name="counts"/> says the
    /// outcome counts (by default: it succeeded); refuses with <c>rate_limited</c> and <paramref name="refusal"/>
    /// without running it when any allowance is used up.
    /// </summary>
    public async Task<Result<T>> GuardAsync<T>(
        IReadOnlyList<LimitKey> keys, string refusal, Func<Task<Result<T>>> run, Func<Result<T>, bool>? counts = null,
        CancellationToken cancellationToken = default)
    {
        var allowance = await TakeAsync(keys, cancellationToken);
        if (!allowance.Granted)
        {
            return new ServiceError(ErrorKind.RateLimited, "rate_limited", refusal);
        }

        Result<T> result;
        try
        {
            result = await run();
        }
        catch
        {
            await GiveBackAsync(allowance);
            throw;
        }

        if (!(counts?.Invoke(result) ?? result.Succeeded))
        {
            await GiveBackAsync(allowance);
        }

        return result;
    }

    public Task<Result<T>> GuardAsync<T>(
        Limit limit, string key, string refusal, Func<Task<Result<T>>> run, Func<Result<T>, bool>? counts = null) =>
        GuardAsync([new LimitKey(limit, key)], refusal, run, counts);

    /// <summary>A customer's pay-link push is limited by both their address and their phone.</summary>
    public static LimitKey[] PayLink(string clientIp, string? phone) =>
        [new(Limit.PayLinkIp, clientIp), new(Limit.PayLinkPhone, Phones.TryNormalize(phone, out var msisdn) ? msisdn : phone ?? "")];

    /// <summary>The longest window any limit uses: older counters can go.</summary>
    public TimeSpan LongestWindow => TimeSpan.FromSeconds(Enum.GetValues<Limit>().Max(l => Rule(l).WindowSeconds));

    private (int Permit, long WindowSeconds) Rule(Limit limit)
    {
        var o = options.Value;
        var permit = limit switch
        {
            Limit.FailedLogin => o.FailedLoginsPerMinute,
            Limit.FailedSignInFromAddress => o.FailedSignInsPerAccountAndAddress,
            Limit.Registration => o.RegistrationsPerMinute,
            Limit.Stk => o.StkPerMinute,
            Limit.PayLinkIp => o.PayLinkPerMinute,
            Limit.PayLinkPhone => o.PayLinkPerPhonePerMinute,
            Limit.PasswordReset => o.PasswordResetsPerMinute,
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };
        var window = limit == Limit.FailedSignInFromAddress ? Math.Max(1, o.SignInLockoutMinutes) * 60L : 60L;
        return (Math.Max(1, permit), window);
    }

    private long WindowStart(long windowSeconds)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return now - (now % windowSeconds);
    }

    /// <summary>Keys come from clients (a phone field, a typed user name): long ones are hashed to fit the column.</summary>
    private static string CounterKey(LimitKey key) =>
        $"{key.Limit}:{(key.Key.Length <= 120 ? key.Key : Ids.Sha256Hex(key.Key))}";
}
