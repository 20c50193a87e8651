using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class PortalRateLimitersTests
{
    [Fact]
    public async Task GuardCountsOnlySuccessesAndRefusesWithoutRunningOnceTheLimitIsReached()
    {
        var limiters = NewLimiters(new RateLimitOptions { StkPerMinute = 1 });
        var runs = 0;

        var failed = await limiters.GuardAsync(Limit.Stk, "m1", "No more.",
            () => { runs++; return Task.FromResult<Result<int>>(ServiceError.Invalid("invalid_phone", "Bad phone.")); });
        var succeeded = await limiters.GuardAsync(Limit.Stk, "m1", "No more.", () => { runs++; return Task.FromResult<Result<int>>(1); });
        var refused = await limiters.GuardAsync(Limit.Stk, "m1", "No more.", () => { runs++; return Task.FromResult<Result<int>>(2); });
        var otherKey = await limiters.GuardAsync(Limit.Stk, "m2", "No more.", () => { runs++; return Task.FromResult<Result<int>>(3); });

        Assert.Equal("invalid_phone", failed.Error!.Code);
        Assert.Equal(1, succeeded.Value);
        Assert.Equal((ErrorKind.RateLimited, "rate_limited", "No more."), (refused.Error!.Kind, refused.Error.Code, refused.Error.Message));
        Assert.Equal(3, otherKey.Value);
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task ATakeOfSeveralAllowancesIsAllOrNothing()
    {
        var counters = new InMemoryCounters();
        var limiters = NewLimiters(new RateLimitOptions { PayLinkPerMinute = 5, PayLinkPerPhonePerMinute = 1 }, counters);

        Assert.True((await limiters.TakeAsync(PortalRateLimiters.PayLink("10.0.0.1", "0712000001"), default)).Granted);
        var refused = await limiters.TakeAsync(PortalRateLimiters.PayLink("10.0.0.1", "254712000001"), default);

        Assert.Equal(Limit.PayLinkPhone, refused.RefusedBy);
        // The address's allowance taken before the phone refused was given back.
        Assert.Equal(1, counters.Total("PayLinkIp:10.0.0.1"));
        Assert.Equal(1, counters.Total("PayLinkPhone:254712000001"));
    }

    private static PortalRateLimiters NewLimiters(RateLimitOptions options, IRateLimitCounters? counters = null) =>
        new(counters ?? new InMemoryCounters(), Options.Create(options), TimeProvider.System);

    /// <summary>The database counters' contract in memory.</summary>
    private sealed class InMemoryCounters : IRateLimitCounters
    {
        private readonly Dictionary<(string, long), int> counts = [];

        public int Total(string key) => counts.Where(c => c.Key.Item1 == key).Sum(c => c.Value);

        public Task<int> IncrementAsync(string key, long windowStart, CancellationToken cancellationToken)
        {
            lock (counts)
            {
                counts[(key, windowStart)] = counts.GetValueOrDefault((key, windowStart)) + 1;
                return Task.FromResult(counts[(key, windowStart)]);
            }
        }

        public Task DecrementAsync(string key, long windowStart, CancellationToken cancellationToken)
        {
            lock (counts)
            {
                counts[(key, windowStart)] = Math.Max(0, counts.GetValueOrDefault((key, windowStart)) - 1);
                return Task.CompletedTask;
            }
        }

        public Task ResetAsync(string key, long windowStart, CancellationToken cancellationToken)
        {
            lock (counts)
            {
                counts.Remove((key, windowStart));
                return Task.CompletedTask;
            }
        }

        public Task<int> PruneAsync(long before, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
