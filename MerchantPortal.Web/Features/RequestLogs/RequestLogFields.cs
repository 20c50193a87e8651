using System.Text.Json;

namespace MerchantPortal.Web.Features.RequestLogs;

/// <summary>
/// What of a request's fields the log keeps: secrets removed (passwords, keys, tokens, secrets), phones masked to their
/// last three digits, long values cut, the whole at most <see cref="MaxLength"/> characters of JSON.
/// </summary>
public static class RequestLogFields
{
    public const int MaxLength = 4_000;

    private const int MaxValue = 200;

    public const string Removed = "[removed]";

    private static readonly string[] SecretWords = ["password", "token", "secret", "passkey", "api_key"];

    private static readonly string[] PhoneFields = ["phone", "support_phone", "msisdn"];

    public static string ToJson(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            kept[Cut(name, 60)] = IsSecret(name) ? Removed : IsPhone(name) ? MaskPhone(value) : Cut(value, MaxValue);
        }

        var json = JsonSerializer.Serialize(kept);
        while (json.Length > MaxLength && kept.Count > 0)
        {
            kept.Remove(kept.Keys.Last());
            json = JsonSerializer.Serialize(kept);
        }

        return json;
    }

    /// <summary>A field whose name says it holds a secret: a password, a key (not an idempotency key), a token, a secret.</summary>
    public static bool IsSecret(string name)
    {
        var lower = name.ToLowerInvariant();
        return SecretWords.Any(word => lower.Contains(word, StringComparison.Ordinal))
            || lower is "key" or "apikey" || (lower.EndsWith("key", StringComparison.Ordinal) && lower != "idempotency_key");
    }

    private static bool IsPhone(string name) => PhoneFields.Contains(name.ToLowerInvariant());

    /// <summary>0712345678 → ••••••••678: enough to tell payments apart, not to call the customer.</summary>
    public static string MaskPhone(string value)
    {
        var digits = value.Trim();
        return digits.Length <= 3 ? new string('•', digits.Length) : new string('•', Math.Min(digits.Length - 3, 12)) + digits[^3..];
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
