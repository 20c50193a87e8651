using System.Globalization;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Daraja's times: Nairobi wall-clock time (UTC+3 all year, no daylight saving) unless a zone is written.</summary>
public static class DarajaTimes
{
    public static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    /// <summary><c>yyyyMMddHHmmss</c> in Nairobi time, e.g. a C2B TransTime.</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length != 14
            || !DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(local, Eat);
        return true;
    }

    /// <summary>
    /// A Pull Transactions trxDate: ISO 8601 with its zone as written (the page's sample ends in Z), Nairobi time when
    /// no zone is written, or a 14-digit timestamp.
    /// </summary>
    public static bool TryParseFlexible(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseTimestamp(text, out time))
        {
            return true;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        time = parsed.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(parsed, Eat) : new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        return true;
    }

    /// <summary>How Pull Transactions wants StartDate and EndDate: <c>2019-07-31 20:35:21</c>, Nairobi time.</summary>
    public static string PullDate(DateTimeOffset time) =>
        time.ToOffset(Eat).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
