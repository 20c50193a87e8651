using System.Security.Cryptography;
using System.Text;

namespace MerchantPortal.Web.Features.Common;

/// <summary>Random public identifiers and secrets, base62 from the OS's CSPRNG.</summary>
public static class Ids
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The largest multiple of 62 a byte can hold: bytes from here up are skipped.</summary>
    private const int Unbiased = 256 / 62 * 62;

    /// <summary>
    /// <paramref name="length"/> base62 characters, each equally likely: random bytes are read in blocks and a byte
    /// below 248 (4 × 62) gives the character at its value modulo 62; the 8 values above are skipped, so none is
    /// favoured. <c>RandomNumberGenerator.GetString</c> asks the generator once per character, which every API call
    /// paid for its request log's id.
    /// </summary>
    public static string Random(int length) => string.Create(length, 0, static (chars, _) =>
    {
        Span<byte> bytes = stackalloc byte[64];
        var filled = 0;
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            foreach (var b in bytes)
            {
                if (filled == chars.Length)
                {
                    return;
                }

                if (b < Unbiased)
                {
                    chars[filled++] = Base62[b % Base62.Length];
                }
            }
        }
    });

    public static string NewMerchantId() => "u_" + Random(12);

    public static string NewLinkId() => "link_" + Random(14);

    public static string NewTransactionId() => "txn_" + Random(16);

    public static string NewPlanId() => "plan_" + Random(10);

    /// <summary>40 base62 characters: about 238 bits, so a fast hash is enough to store it.</summary>
    public static string NewApiKey(bool livemode) => ApiKeyPrefix(livemode) + Random(40);

    /// <summary>How a key of each mode begins (keys made before modes begin <c>sk_</c> alone, and are live).</summary>
    public static string ApiKeyPrefix(bool livemode) => livemode ? "sk_live_" : "sk_test_";

    /// <summary>
    /// 160 random bits as lowercase hex, for a URL Daraja is given (and the pay page's status link). Hex cannot spell
    /// the words Daraja filters in URLs (exe, cmd, sql, query, M-Pesa, Safaricom…), which base62 sometimes does.
    /// </summary>
    public static string NewCallbackToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
