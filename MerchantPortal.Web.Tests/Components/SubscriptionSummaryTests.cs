using Bunit;
using MerchantPortal.Web.Components;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Subscriptions;

namespace MerchantPortal.Web.Tests.Components;

public sealed class SubscriptionSummaryTests : BunitContext
{
    private static readonly DateTimeOffset End = new(2026, 12, 5, 21, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("trial", "Trial", "badge-ok", "Trial ends", "everything works")]
    [InlineData("active", "Active", "badge-ok", "Paid until", "everything works")]
    [InlineData("past_due", "Past due", "badge-wait", "Ended", "payments still work during the grace period, until 9 Dec 2026, 00:30")]
    [InlineData("expired", "Expired", "badge-bad", "Ended", "the API and your payment links refuse payments")]
    [InlineData("suspended", "Suspended", "badge-bad", "Paid until", "Contact the operator")]
    public void EachStateIsNamedInWordsAndExplained(string status, string label, string css, string endLabel, string explained)
    {
        var summary = Render(status);

        var badge = summary.Find(".badge");
        Assert.Equal(label, badge.TextContent);
        Assert.Contains(css, badge.ClassList);
        Assert.Contains(explained, summary.Find(".subscription-explained").TextContent);
        Assert.Contains(summary.FindAll("dt"), dt => dt.TextContent == endLabel);
    }

    [Fact]
    public void ThePlanTheEndInNairobiTimeTheDaysLeftAndTheGraceEndAreShown()
    {
        var facts = Render("trial", daysLeft: 6).Find("dl").TextContent;

        Assert.Contains("Standard: KES 1,000 for 30 days", facts);
        Assert.Contains("6 Dec 2026, 00:30 (Nairobi time)", facts);
        Assert.Contains(Nairobi.Format(End.AddDays(3)), facts);
        Assert.Equal("6", Render("trial", daysLeft: 6).Find(".days-left").TextContent);
    }

    [Fact]
    public void TheOperatorsReasonForASuspensionIsEncodedNotMarkup()
    {
        var summary = Render("suspended", reason: "<b>Unpaid</b>");

        Assert.Contains("(<b>Unpaid</b>)", summary.Find(".subscription-explained").TextContent);
        Assert.Empty(summary.FindAll("b"));
    }

    [Fact]
    public void AMerchantWithoutAPlanIsToldSo() =>
        Assert.Contains("No plan", Render("trial", plan: false).Find("dl").TextContent);

    private IRenderedComponent<SubscriptionSummary> Render(string status, int daysLeft = 0, string? reason = null, bool plan = true) =>
        Render<SubscriptionSummary>(p => p.Add(s => s.Subscription, new SubscriptionDto(
            status, End.ToUnixTimeSeconds(), plan ? new PlanDto("plan_x", "Standard", 1000, 30) : null, daysLeft,
            End.AddDays(3).ToUnixTimeSeconds(), status is not ("expired" or "suspended"), reason)));
}
