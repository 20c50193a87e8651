using Bunit;
using MerchantPortal.Web.Components;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Tests.Components;

public sealed class DailyChartTests : BunitContext
{
    private static readonly DateOnly First = new(2026, 11, 1);

    private static List<DailyTotal> Month(Func<int, long> amount) =>
        [.. Enumerable.Range(0, 30).Select(i => new DailyTotal(First.AddDays(i), amount(i), amount(i) > 0 ? 1 : 0))];

    [Fact]
    public void TheChartDrawsOneBarPerDayScaledToARoundTopWithATableForScreenReaders()
    {
        var chart = Render<DailyChart>(p => p.Add(c => c.Days, Month(i => i == 10 ? 5000 : i == 20 ? 2500 : 0)));

        var bars = chart.FindAll("rect.bar");
        Assert.Equal(30, bars.Count);
        var best = double.Parse(bars[10].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        var half = double.Parse(bars[20].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(best / 2, half, 1);
        Assert.Equal("0", bars[0].GetAttribute("height"));
        Assert.Equal(30, chart.FindAll("table tbody tr").Count);
        Assert.Equal("Money collected per day. Best day: 11 Nov, KES 5,000. In all: KES 7,500.", chart.Find("figcaption").TextContent);
    }

    [Fact]
    public void TheKesAxisRunsFromZeroToARoundNumberAboveTheBestDay()
    {
        var chart = Render<DailyChart>(p => p.Add(c => c.Days, Month(i => i == 3 ? 1250 : 0)));

        Assert.Equal(["KES 2,000", "KES 1,000", "KES 0"], chart.FindAll(".chart-y span").Select(s => s.TextContent));
        var best = double.Parse(chart.FindAll("rect.bar")[3].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(160 * 1250 / 2000.0, best, 1);
    }

    [Fact]
    public void TheDateAxisLabelsAboutAWeekApartUnderTheirOwnBarsAndAlwaysTheLastDay()
    {
        var chart = Render<DailyChart>(p => p.Add(c => c.Days, Month(i => 100)));

        var cells = chart.FindAll(".chart-x > span");
        Assert.Equal(30, cells.Count);
        Assert.Equal(["1 Nov", "8 Nov", "15 Nov", "22 Nov", "30 Nov"], chart.FindAll(".chart-x b").Select(b => b.TextContent));
        Assert.Equal("8 Nov", cells[7].TextContent);
        Assert.Equal("30 Nov", cells[29].TextContent);
    }

    [Fact]
    public void AMonthWithoutPaymentsShowsAnEmptyStateInsteadOfFlatBars()
    {
        var chart = Render<DailyChart>(p => p.Add(c => c.Days, Month(_ => 0)));

        Assert.Empty(chart.FindAll("rect"));
        Assert.Empty(chart.FindAll(".chart-y"));
        Assert.Contains("No paid payments in these 30 days yet", chart.Find(".chart-empty").TextContent);
        Assert.Equal(30, chart.FindAll("table tbody tr").Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(150, 200)]
    [InlineData(2100, 2500)]
    [InlineData(5000, 5000)]
    [InlineData(64000, 100000)]
    public void TheAxisTopIsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen(long best, long top) =>
        Assert.Equal(top, DailyChart.NiceCeiling(best));
}
