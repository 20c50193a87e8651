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

    [Theory]
    [InlineData("1500", 1500)]
    [InlineData("1,500", 1500)]
    [InlineData(" 1,500 ", 1500)]
    [InlineData("KES 1,500", 1500)]
    [InlineData("kes1500", 1500)]
    [InlineData("KES. 1,500", 1500)]
    [InlineData("Ksh 1500", 1500)]
    [InlineData("KSh1,500", 1500)]
    [InlineData("Kshs 1,500", 1500)]
    [InlineData("Sh 1,500", 1500)]
    [InlineData("1,500/=", 1500)]
    [InlineData("Ksh 1,500/-", 1500)]
    [InlineData("1,500.00", 1500)]
    [InlineData("250,000", 250000)]
    [InlineData(" KES 1,500 ", 1500)]
    public void ReadsAmountsAsPeopleTypeThem(string input, long expected)
    {
        Assert.True(Amounts.TryParseTyped(input, out var amount, out var error), error);
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("1,500.50", "cents")]
    [InlineData("KES 1,500.50", "cents")]
    [InlineData("Ksh 0.50", "cents")]
    [InlineData("1,50", "digits")]
    [InlineData("15,00", "digits")]
    [InlineData("1,5000", "digits")]
    [InlineData("1 500", "digits")]
    [InlineData("USD 1,500", "digits")]
    [InlineData("KESS 1500", "digits")]
    [InlineData("KES", "required")]
    [InlineData("  ", "required")]
    [InlineData(null, "required")]
    [InlineData("KES 0", "at least")]
    [InlineData("-1,500", "at least")]
    [InlineData("KES 250,001", "at most")]
    [InlineData("1,000,000", "at most")]
    public void RefusesTypedAmountsThatAreNotWholeShillingsWithinLimitsSayingWhy(string? input, string reason)
    {
        Assert.False(Amounts.TryParseTyped(input, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("1,500")]
    [InlineData("KES 1500")]
    public void TheStrictReadingTheApiUsesStillRefusesTypedForms(string input) =>
        Assert.False(Amounts.TryParse(input, out _, out _));

    [Fact]
    public void FormatsMoneyAsPeopleReadIt() => Assert.Equal("KES 1,250", Amounts.Format(1250));
}
