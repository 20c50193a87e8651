using System.Globalization;

namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// Merchants' local time. Kenya is UTC+3 all year (no daylight saving), so a fixed offset is exact and
/// needs no time-zone database on the server.
/// </summary>
public static class Nairobi
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow()).DateTime);

    /// <summary>The UTC instant a Nairobi calendar day starts.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string FormatUnix(long seconds) => Format(DateTimeOffset.FromUnixTimeSeconds(seconds));

    /// <summary>To the second, with the zone named: for a single payment's page, where seconds matter.</summary>
    public static string FormatPrecise(DateTimeOffset instant) =>
        ToLocal(instant).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture) + " EAT";

    public static string FormatPreciseUnix(long seconds) => FormatPrecise(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public static string FormatDay(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>The first and last days a filter may name. Beyond them a day has no start in UTC (0001-01-01 in Nairobi
    /// begins in the year 0) or no next day (9999-12-31); and nothing was paid by M-Pesa before 2000.</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1), LastDay = new(9999, 12, 30);

    /// <summary>"2000-01-01 to 9999-12-30", for the messages that name the range.</summary>
    public static readonly string DaysAllowed =
        $"{FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>A <c>yyyy-mm-dd</c> day from <see cref="FirstDay"/> to <see cref="LastDay"/>.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day >= FirstDay && day <= LastDay;
}
