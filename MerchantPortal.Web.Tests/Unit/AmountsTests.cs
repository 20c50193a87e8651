using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData(" 1500 ", 1500)]
    [InlineData("100.00", 100)]
    [InlineData("250000", 250000)]
    public void AcceptsWholeShillingsWithinMpesaLimits(string input, long expected)
    {
        Assert.True(Amounts.TryParse(input, out var amount, out _));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("12.5", "cents")]
    [InlineData("0.5", "cents")]
    [InlineData("abc", "digits")]
    [InlineData("1e9", "digits")]
    [InlineData("1,000", "digits")]
    [InlineData("0", "at least")]
    [InlineData("-5", "at least")]
    [InlineData("250001", "at most")]
    [InlineData("99999999999999999999", "digits")]
    [InlineData("", "required")]
    [InlineData(null, "required")]
    public void RefusesOtherAmountsSayingWhy(string? input, string reason)
    {
        Assert.False(Amounts.TryParse(input, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void FormatsMoneyAsPeopleReadIt() => Assert.Equal("KES 1,250", Amounts.Format(1250));
}
