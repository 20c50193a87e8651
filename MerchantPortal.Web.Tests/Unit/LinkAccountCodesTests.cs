using MerchantPortal.Web.Features.C2B;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class LinkAccountCodesTests
{
    [Theory]
    [InlineData("Tea", 50L, "TEA50")]
    [InlineData("Sukuma bundle!", 150L, "SUKUMA150")]
    [InlineData("School fees, term 1", null, "SCHOOL")]
    [InlineData("Café au lait", 120L, "CAFE120")]
    [InlineData("A B", 10L, "AB10")]
    [InlineData("☕☕", 40L, "LINK40")]
    [InlineData("Extraordinarily long", 250000L, "EXTRAORD")]
    public void ASuggestionIsTheTitlesFirstWordAndThePriceInCapitals(string title, long? amount, string expected) =>
        Assert.Equal(expected, LinkAccountCodes.Suggest(title, amount));

    [Fact]
    public void AfterAPriceTheSuffixIsALetterAndAfterAWordANumberAndNoCandidatePassesTwelve()
    {
        Assert.Equal(["TEA50", "TEA50B", "TEA50C"], LinkAccountCodes.Candidates("TEA50").Take(3));
        Assert.Equal(["SCHOOL", "SCHOOL2", "SCHOOL3"], LinkAccountCodes.Candidates("SCHOOL").Take(3));
        var candidates = LinkAccountCodes.Candidates("SUKUMAWI1500").Take(500).ToList();
        Assert.All(candidates, c => Assert.True(LinkAccountCodes.IsValid(c), c));
        Assert.All(candidates, c => Assert.StartsWith(LinkAccountCodes.CommonPrefix("SUKUMAWI1500"), c));
        Assert.Equal(candidates.Count, candidates.Distinct().Count());
    }

    [Theory]
    [InlineData("TEA50", true)]
    [InlineData("A", false)]
    [InlineData("ABCDEFGHIJKLM", false)]
    [InlineData("TEA-50", false)]
    [InlineData("tea50", false)]
    public void AValidCodeIsTwoToTwelveCapitalLettersOrDigits(string code, bool valid) =>
        Assert.Equal(valid, LinkAccountCodes.IsValid(code));

    [Theory]
    [InlineData("254712345126", PhoneFit.Exact)]
    [InlineData("0712345126", PhoneFit.Exact)]
    [InlineData("254712345127", PhoneFit.None)]
    [InlineData("2547****126", PhoneFit.Visible)]
    [InlineData("2547 ***** 126", PhoneFit.Visible)]
    [InlineData("2547****127", PhoneFit.None)]
    [InlineData("25471****26", PhoneFit.Visible)]
    [InlineData("****", PhoneFit.None)]
    [InlineData("2547****", PhoneFit.None)]
    public void APayersPhoneFitsExactlyByItsVisibleDigitsOrNot(string msisdn, PhoneFit fit) =>
        Assert.Equal(fit, PayerPhones.Fit(msisdn, "254712345126"));

    [Fact]
    public void AHashedPhoneFitsOnlyWhenItIsTheSha256OfThePhone()
    {
        Assert.Equal(PhoneFit.Exact, PayerPhones.Fit(Ids.Sha256Hex("254712345126"), "254712345126"));
        Assert.Equal(PhoneFit.Exact, PayerPhones.Fit(Ids.Sha256Hex("254712345126").ToUpperInvariant(), "254712345126"));
        Assert.Equal(PhoneFit.None, PayerPhones.Fit(Ids.Sha256Hex("254712345127"), "254712345126"));
    }
}
