using System.Threading.RateLimiting;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The framework's rate limiters for the actions that attract abuse. The action is only known after the body
/// is read, so the router asks these directly instead of through endpoint policies.
/// </summary>
public sealed class PortalRateLimiters(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> signIn = PerMinute(options.Value.SignInPerMinute);
    private readonly PartitionedRateLimiter<string> stk = PerMinute(options.Value.StkPerMinute);
    private readonly PartitionedRateLimiter<string> payLink = PerMinute(options.Value.PayLinkPerMinute);

    public bool TrySignIn(string clientIp) => Acquire(signIn, clientIp);

    public bool TryStk(string merchantId) => Acquire(stk, merchantId);

    public bool TryPayLink(string clientIp) => Acquire(payLink, clientIp);

    public void Dispose()
    {
        signIn.Dispose();
        stk.Dispose();
        payLink.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
}
