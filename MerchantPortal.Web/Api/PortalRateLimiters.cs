using System.Threading.RateLimiting;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Api;

public enum Limit
{
    /// <summary>Failed sign-ins per client IP (Identity's lockout guards each account on top).</summary>
    FailedLogin,

    /// <summary>Accounts created per client IP.</summary>
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

/// <summary>
/// The framework's rate limiters for the actions that attract abuse. They count what matters (a failed
/// sign-in, an account made, a push started), so a mistyped form does not use up anyone's allowance: callers
/// ask <see cref="IsOpen"/> first and <see cref="Count"/> when the counted thing happened.
/// </summary>
public sealed class PortalRateLimiters : IDisposable
{
    private readonly Dictionary<Limit, PartitionedRateLimiter<string>> limiters;

    public PortalRateLimiters(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        limiters = new()
        {
            [Limit.FailedLogin] = PerMinute(o.FailedLoginsPerMinute),
            [Limit.Registration] = PerMinute(o.RegistrationsPerMinute),
            [Limit.Stk] = PerMinute(o.StkPerMinute),
            [Limit.PayLinkIp] = PerMinute(o.PayLinkPerMinute),
            [Limit.PayLinkPhone] = PerMinute(o.PayLinkPerPhonePerMinute),
            [Limit.PasswordReset] = PerMinute(o.PasswordResetsPerMinute),
        };
    }

    /// <summary>Whether one more may happen now (takes nothing).</summary>
    public bool IsOpen(Limit limit, string key)
    {
        using var lease = limiters[limit].AttemptAcquire(key, 0);
        return lease.IsAcquired;
    }

    /// <summary>Records that one happened.</summary>
    public void Count(Limit limit, string key) => limiters[limit].AttemptAcquire(key, 1).Dispose();

    /// <summary>The refusal for a merchant's pushes (api_stk, renewals), whichever door they came through.</summary>
    public const string TooManyPushes = "Too many payment requests. Wait a minute and try again.";

    /// <summary>
    /// Runs <paramref name="run"/> when the limit allows one more and counts it only when it succeeds; else refuses
    /// with <c>rate_limited</c> and <paramref name="refusal"/>, without running it.
    /// </summary>
    public async Task<Result<T>> GuardAsync<T>(Limit limit, string key, string refusal, Func<Task<Result<T>>> run)
    {
        if (!IsOpen(limit, key))
        {
            return new ServiceError(ErrorKind.RateLimited, "rate_limited", refusal);
        }

        var result = await run();
        if (result.Succeeded)
        {
            Count(limit, key);
        }

        return result;
    }

    /// <summary>A customer's pay-link push is limited by both their address and their phone.</summary>
    public bool IsPayLinkOpen(string clientIp, string? phone) =>
        IsOpen(Limit.PayLinkIp, clientIp) && IsOpen(Limit.PayLinkPhone, PhoneKey(phone));

    public void CountPayLink(string clientIp, string? phone)
    {
        Count(Limit.PayLinkIp, clientIp);
        Count(Limit.PayLinkPhone, PhoneKey(phone));
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static string PhoneKey(string? phone) =>
        Phones.TryNormalize(phone, out var msisdn) ? msisdn : phone ?? "";

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
}
