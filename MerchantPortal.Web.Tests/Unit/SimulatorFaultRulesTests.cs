using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using MerchantPortal.Web.Tests.Integration.Api;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The simulator's fault switches and its result-17 rule, without a server.</summary>
public sealed class SimulatorFaultRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenRevocationAndResult17AreOnUnderStrictUnlessSetOtherwise()
    {
        var lenient = new SimulatorOptions();
        var strict = new SimulatorOptions { Strict = true };
        var strictWithout = new SimulatorOptions { Strict = true, Faults = { RevokeOnNewToken = false, RuleLimited = false } };

        Assert.False(SimulatorFaults.RevokesOnNewToken(lenient));
        Assert.True(SimulatorFaults.RevokesOnNewToken(strict));
        Assert.False(SimulatorFaults.RevokesOnNewToken(strictWithout));
        Assert.Equal(0, Outcome(lenient, Earlier(amount: 10, secondsAgo: 30)).ResultCode);
        Assert.Equal(17, Outcome(strict, Earlier(amount: 10, secondsAgo: 30)).ResultCode);
        Assert.Equal(0, Outcome(strictWithout, Earlier(amount: 10, secondsAgo: 30)).ResultCode);
    }

    [Theory]
    [InlineData(10, 119, "254712345678", 17)]
    [InlineData(10, 121, "254712345678", 0)]
    [InlineData(11, 30, "254712345678", 0)]
    [InlineData(10, 30, "254712345679", 0)]
    public void Result17NeedsTheSamePhoneAndAmountWithinTwoMinutes(int earlierAmount, int secondsAgo, string earlierPhone, int expected)
    {
        var outcome = Outcome(new SimulatorOptions { Strict = true }, Earlier(earlierAmount, secondsAgo, earlierPhone));

        Assert.Equal(expected, outcome.ResultCode);
        Assert.Equal(expected == 17 ? "Rule limited." : SimulatorPhones.SuccessDescription, outcome.ResultDesc);
    }

    [Fact]
    public void TheReadmesTestPhoneTableListsEveryScriptedPhone()
    {
        var readme = File.ReadAllText(WebhookReceiverDocsTests.FindReadme());

        Assert.All(SimulatorPhones.All, phone => Assert.Contains($"| `{phone.Phone}` |", readme));
    }

    private static SimulatorOutcome Outcome(SimulatorOptions options, SimulatorSession earlier) =>
        SimulatorFaults.OutcomeFor(Push("254712345678", 10), [earlier], Now, options);

    private static StkPushRequest Push(string phone, decimal amount) =>
        new("600111", "pw", "20261130150000", SimulatorValidation.PayBill, amount, phone, "600111", phone, "https://portal.test/hooks/stk/a", "INV1", null);

    private static SimulatorSession Earlier(int amount, int secondsAgo, string phone = "254712345678") => new()
    {
        MerchantRequestId = "1-2-3",
        CheckoutRequestId = "ws_CO_" + Guid.NewGuid().ToString("N"),
        BusinessShortCode = "600222",
        TransactionType = SimulatorValidation.PayBill,
        Amount = amount,
        PartyA = phone,
        PartyB = "600222",
        PhoneNumber = phone,
        CallbackUrl = "https://portal.test/hooks/stk/b",
        AccountReference = "INV0",
        AcceptedAt = Now.AddSeconds(-secondsAgo),
        DueAt = Now,
        Outcome = SimulatorPhones.Success,
        CallbackCount = 1,
    };
}
