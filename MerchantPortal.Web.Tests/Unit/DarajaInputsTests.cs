using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>What the portal puts in Daraja's request and URL: references, callback tokens, phone ranges.</summary>
public sealed class DarajaInputsTests
{
    [Theory]
    [InlineData("INV-42", "INV-42")]
    [InlineData("Café & Co: Shoes/Bags!", "Caf Co Shoes")]
    [InlineData("a@b.com #7_x", "ab.com #7_x")]
    [InlineData("Order 123456789", "Order 123456")]
    [InlineData("Twelve chars", "Twelve chars")]
    [InlineData("abcdefghijk  z", "abcdefghijk")]
    [InlineData("🎉🎉", "Payment")]
    [InlineData(null, "Payment")]
    public void AnAccountReferenceKeepsOnlyWhatDarajaTakesBeforeItIsCutTo12(string? input, string expected) =>
        Assert.Equal(expected, AccountReferences.ForDaraja(input));

    [Fact]
    public void CallbackTokensAreLowercaseHexSoTheyNeverSpellAWordDarajaFilters()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => Ids.NewCallbackToken()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{40}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Theory]
    [InlineData("254712345678")]
    [InlineData("254700000001")]
    [InlineData("254729999999")]
    [InlineData("254740123456")]
    [InlineData("254745123456")]
    [InlineData("254748123456")]
    [InlineData("254757123456")]
    [InlineData("254769123456")]
    [InlineData("254790123456")]
    [InlineData("254110123456")]
    [InlineData("254115123456")]
    public void SafaricomNumbersAreInItsRanges(string msisdn) => Assert.True(Phones.IsSafaricomRange(msisdn));

    [Theory]
    [InlineData("254733123456")]
    [InlineData("254100123456")]
    [InlineData("254770123456")]
    [InlineData("254785123456")]
    [InlineData("254747123456")]
    [InlineData("254750123456")]
    [InlineData("254116123456")]
    public void OtherNetworksNumbersAreNot(string msisdn) => Assert.False(Phones.IsSafaricomRange(msisdn));
}
