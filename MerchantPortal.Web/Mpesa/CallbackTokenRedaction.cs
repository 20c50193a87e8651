using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Hides the token in Daraja's callback URLs (<c>/hooks/stk/{token}</c>, <c>/hooks/c2b/{token}/…</c>, <c>/hooks/reversal/{token}/…</c>) wherever an exchange with Daraja is
/// kept or shown. The token alone authenticates a callback, so whoever reads it could settle the payment.
/// </summary>
public static partial class CallbackTokenRedaction
{
    public const string Placeholder = "[redacted]";

    /// <summary>The text with every callback token replaced; JSON's escaped <c>\/</c> is matched too.</summary>
    public static string? Redact(string? text) =>
        text is null || !(text.Contains("stk", StringComparison.OrdinalIgnoreCase) || text.Contains("c2b", StringComparison.OrdinalIgnoreCase)
            || text.Contains("reversal", StringComparison.OrdinalIgnoreCase))
            ? text
            : CallbackPath().Replace(text, "${path}" + Placeholder);

    // Routing ignores case, so /Hooks/STK/{token} reaches the callback too.
    [GeneratedRegex(@"(?<path>hooks\\?/(?:stk|c2b|reversal)\\?/)[A-Za-z0-9_-]+", RegexOptions.IgnoreCase)]
    private static partial Regex CallbackPath();
}
