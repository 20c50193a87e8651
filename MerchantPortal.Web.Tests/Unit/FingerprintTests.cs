using MerchantPortal.Web.Features.Idempotency;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class FingerprintTests
{
    [Fact]
    public void NoValueCanImitateAnotherParametersBoundary()
    {
        var one = Fingerprint.Of("api_stk", ("phone", "0712345678\namount"), ("amount", "10"));
        var other = Fingerprint.Of("api_stk", ("phone", "0712345678"), ("amount", "\namount10"));

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void AnAbsentParameterDiffersFromAnEmptyOneAndTheSameRequestGivesTheSameFingerprint()
    {
        Assert.NotEqual(Fingerprint.Of("api_stk", ("reference", null)), Fingerprint.Of("api_stk", ("reference", "")));
        Assert.Equal(Fingerprint.Of("api_stk", ("phone", "0712"), ("amount", "5")), Fingerprint.Of("api_stk", ("phone", "0712"), ("amount", "5")));
        Assert.NotEqual(Fingerprint.Of("api_stk", ("phone", "0712")), Fingerprint.Of("renew_subscription", ("phone", "0712")));
    }
}
