using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class PhonesTests
{
    [Theory]
    [InlineData("0712345678", "254712345678")]
    [InlineData("0112345678", "254112345678")]
    [InlineData("712345678", "254712345678")]
    [InlineData("112345678", "254112345678")]
    [InlineData("254712345678", "254712345678")]
    [InlineData("254112345678", "254112345678")]
    [InlineData("+254712345678", "254712345678")]
    [InlineData("+254 712 345 678", "254712345678")]
    [InlineData("0712-345-678", "254712345678")]
    [InlineData(" 0712 345678 ", "254712345678")]
    [InlineData("\u202A+254 712 345 678\u202C", "254712345678")]
    [InlineData("\u200E0712345678", "254712345678")]
    [InlineData("\u20680712\u00A0345\u200B678\u2069\uFEFF", "254712345678")]
    public void AcceptsEveryKenyanMobileFormAndGivesTheDarajaForm(string input, string expected)
    {
        Assert.True(Phones.TryNormalize(input, out var msisdn));
        Assert.Equal(expected, msisdn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("0812345678")]
    [InlineData("071234567")]
    [InlineData("07123456789")]
    [InlineData("+1 202 555 0100")]
    [InlineData("+255712345678")]
    [InlineData("2547123456789")]
    [InlineData("07l2345678")]
    public void RefusesAnythingElse(string? input) => Assert.False(Phones.TryNormalize(input, out _));

    [Fact]
    public void MasksNumbersForLogs()
    {
        var masked = Phones.Mask("254712345678");
        Assert.DoesNotContain("12345", masked);
        Assert.EndsWith("678", masked);
    }
}
