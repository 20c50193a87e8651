using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.PaymentLinks;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class LinkAmountsTests
{
    [Theory]
    [InlineData(1000L, null, null, null, 1000L)]
    [InlineData(1000L, null, null, "1000", 1000L)]
    [InlineData(null, 100L, 5000L, "100", 100L)]
    [InlineData(null, 100L, 5000L, "5000", 5000L)]
    [InlineData(null, null, null, "250000", 250000L)]
    public void ChargesTheFixedAmountOrTheCustomersWithinTheLimits(long? fixedAmount, long? min, long? max, string? given, long expected)
    {
        var charge = LinkAmounts.Charge(new PaymentLink { Amount = fixedAmount, MinAmount = min, MaxAmount = max }, given);

        Assert.True(charge.Succeeded);
        Assert.Equal(expected, charge.Value);
    }

    [Theory]
    [InlineData(1000L, null, null, "999", "must be KES 1,000")]
    [InlineData(null, 100L, 5000L, "99", "at least KES 100")]
    [InlineData(null, 100L, 5000L, "5001", "at most KES 5,000")]
    [InlineData(null, null, null, null, "required")]
    public void RefusesOtherAmountsSayingWhy(long? fixedAmount, long? min, long? max, string? given, string reason)
    {
        var charge = LinkAmounts.Charge(new PaymentLink { Amount = fixedAmount, MinAmount = min, MaxAmount = max }, given);

        Assert.False(charge.Succeeded);
        Assert.Contains(reason, charge.Error!.Message);
        Assert.Equal("invalid_amount", charge.Error.Code);
    }
}
