using Bunit;
using MerchantPortal.Web.Components;

namespace MerchantPortal.Web.Tests.Components;

public sealed class ComponentTests : BunitContext
{
    [Theory]
    [InlineData("succeeded", "Paid", "badge-ok")]
    [InlineData("pending", "Pending", "badge-wait")]
    [InlineData("cancelled", "Cancelled", "badge-muted")]
    [InlineData("timeout", "Timed out", "badge-muted")]
    [InlineData("failed", "Failed", "badge-bad")]
    [InlineData("unknown", "Unknown", "badge-wait")]
    public void StatusBadgeSaysTheStateInWordsNotJustColour(string status, string label, string css)
    {
        var badge = Render<StatusBadge>(p => p.Add(b => b.Status, status).Add(b => b.Title, "why"));

        var span = badge.Find("span");
        Assert.Equal(label, span.TextContent);
        Assert.Contains(css, span.ClassList);
        Assert.Equal("why", span.GetAttribute("title"));
    }

    [Fact]
    public void MoneyIsShownAsKenyanShillings() =>
        Assert.Equal("KES 1,250", Render<Money>(p => p.Add(m => m.Amount, 1250)).Find(".money").TextContent);

    [Fact]
    public void AKpiCardEncodesWhatItIsGiven()
    {
        var card = Render<KpiCard>(p => p.Add(k => k.Label, "<b>Today</b>").Add(k => k.Value, "KES 10").Add(k => k.Hint, "hint"));

        Assert.Equal("<b>Today</b>", card.Find(".kpi-label").TextContent);
        Assert.Empty(card.FindAll("b"));
        Assert.Equal("hint", card.Find(".kpi-hint").TextContent);
    }

    [Fact]
    public void AnEmptyStateOffersTheNextStep()
    {
        var empty = Render<EmptyState>(p => p.Add(e => e.Title, "Nothing yet").Add(e => e.ActionUrl, "/PaymentAccounts/Create").Add(e => e.ActionText, "Add"));

        Assert.Equal("/PaymentAccounts/Create", empty.Find("a").GetAttribute("href"));
        Assert.Equal("Nothing yet", empty.Find("h2").TextContent);
    }

    [Fact]
    public void AQrCodeIsAnInlinePngWithItsDescription()
    {
        var qr = Render<QrCode>(p => p.Add(q => q.Text, "https://pay.example/pay/link_abc").Add(q => q.Alt, "Pay <here>").Add(q => q.Size, 120));

        var img = qr.Find("img");
        Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src"));
        var png = Convert.FromBase64String(img.GetAttribute("src")!["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Equal("Pay <here>", img.GetAttribute("alt"));
        Assert.Equal("120", img.GetAttribute("width"));
    }
}
