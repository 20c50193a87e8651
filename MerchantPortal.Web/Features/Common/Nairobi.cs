using System.Globalization;

namespace MerchantPortal.Web.Features.Common;

/// <summary>Times are stored in UTC and shown in Kenya's time: Africa/Nairobi, which has been UTC+03:00 without DST since 1942.</summary>
public static class Nairobi
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>"28 Nov 2026, 14:05" in Nairobi time.</summary>
    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string FormatUnix(long seconds) => Format(DateTimeOffset.FromUnixTimeSeconds(seconds));

    // A container without tzdata has no Africa/Nairobi; the fixed offset is the same clock.
    private static TimeZoneInfo FindZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Africa/Nairobi", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Africa/Nairobi", TimeSpan.FromHours(3), "East Africa Time", "EAT");
}
