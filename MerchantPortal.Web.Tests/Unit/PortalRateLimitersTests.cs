using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class PortalRateLimitersTests
{
    [Fact]
    public async Task GuardCountsOnlySuccessesAndRefusesWithoutRunningOnceTheLimitIsReached()
    {
        using var limiters = new PortalRateLimiters(Options.Create(new RateLimitOptions { StkPerMinute = 1 }));
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
}
