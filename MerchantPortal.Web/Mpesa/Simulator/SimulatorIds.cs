using System.Globalization;
using System.Security.Cryptography;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>Identifiers shaped like the ones Daraja sends.</summary>
internal static class SimulatorIds
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string UpperAlphanumeric = Upper + "0123456789";
    private const string DayLetters = "123456789ABCDEFGHIJKLMNOPQRSTUV";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>East Africa Time: UTC+3 all year (no DST), so a fixed offset needs no tz database.</summary>
    public static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    /// <summary>Random capitals and digits, as M-Pesa's transaction ids.</summary>
    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(UpperAlphanumeric, length);

    public static DateTimeOffset ToEat(DateTimeOffset time) => time.ToOffset(Eat);

    public static string NewAccessToken() => RandomNumberGenerator.GetString(Base62, 28);

    /// <summary>Like <c>a1b2-4c3d-9e8f-0011223344551234</c>.</summary>
    public static string NewRequestId() =>
        $"{Hex(2)}-{Hex(2)}-{Hex(2)}-{Hex(6)}{RandomNumberGenerator.GetInt32(1000, 10000)}";

    /// <summary>The older <c>29115-34620561-1</c> form; <paramref name="sequence"/> keeps it unique.</summary>
    public static string NewMerchantRequestId(long sequence) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{RandomNumberGenerator.GetInt32(10000, 100000)}-{sequence}-{RandomNumberGenerator.GetInt32(1, 10)}");

    /// <summary><c>ws_CO_</c> + ddMMyyyyHHmmssfff (EAT) + the last 9 digits of the phone.</summary>
    public static string CheckoutRequestId(DateTimeOffset eatTime, string msisdn) =>
        "ws_CO_" + eatTime.ToString("ddMMyyyyHHmmssfff", CultureInfo.InvariantCulture) + msisdn[^9..];

    /// <summary>
    /// Observed receipt pattern (e.g. <c>QKH94M1Z11</c> = 17 Nov 2022): year letter (L=2017, consecutive),
    /// month letter (A=Jan), day (1-9 then A=10 … V=31), then 7 random uppercase alphanumerics.
    /// </summary>
    public static string NewReceipt(DateTimeOffset eatTime)
    {
        var year = Upper[(int)(((eatTime.Year - 2017 + ('L' - 'A')) % 26 + 26) % 26)];
        var month = Upper[eatTime.Month - 1];
        var day = DayLetters[eatTime.Day - 1];
        return string.Concat(year.ToString(), month.ToString(), day.ToString(),
            RandomNumberGenerator.GetString(UpperAlphanumeric, 7));
    }

    /// <summary>Lower-case hex of <paramref name="bytes"/> random bytes (conversation ids).</summary>
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
