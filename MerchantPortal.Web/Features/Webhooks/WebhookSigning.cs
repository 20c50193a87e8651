using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MerchantPortal.Web.Features.Webhooks;

/// <summary>
/// Stripe's scheme: <c>X-Portal-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + raw body)&gt;</c>.
/// Receivers verify it on the raw body and refuse timestamps more than 5 minutes old.
/// </summary>
public static class WebhookSigning
{
    public const string Header = "X-Portal-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => "whsec_" + Common.Ids.Random(32);

    public static string Sign(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: recompute on the raw body, compare in constant time, check the age.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return false;
        }

        var expected = Sign(secret, timestamp, body)["t=".Length..].Split(",v1=")[1];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }
}
