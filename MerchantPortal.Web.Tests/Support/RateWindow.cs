namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// Allowances are counted in fixed one-minute windows (UTC minutes): requests that straddle a minute's end rightly get
/// two allowances, so a test that must exhaust one starts only with enough of its minute left.
/// </summary>
public static class RateWindow
{
    public static async Task StartWithSecondsLeftAsync(int secondsNeeded)
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 60 - secondsNeeded)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
        }
    }
}
