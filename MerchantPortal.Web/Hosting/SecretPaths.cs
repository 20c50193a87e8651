using System.Text.RegularExpressions;

namespace MerchantPortal.Web.Hosting;

/// <summary>
/// Request paths whose segment is a secret: a Daraja callback's token (<c>/hooks/stk/{token}</c>,
/// <c>/hooks/c2b/{token}/…</c>, <c>/hooks/reversal/{token}/…</c>: whoever reads it could settle the payment) and a customer's status and receipt pages
/// (<c>/pay/status/{token}</c>, <c>/pay/receipt/{token}</c>), and an invitation link (<c>/invite/{token}</c>). Wherever the portal writes a path down (request logs,
/// trace spans) it writes it through <see cref="Redact"/>. Routing ignores case, so this does too.
/// </summary>
public static partial class SecretPaths
{
    /// <summary>The path with its secret segment replaced by <c>[redacted]</c>; any other path as it is.</summary>
    public static string? Redact(string? path) =>
        path is null ? null : SecretSegment().Replace(path, "${path}" + Mpesa.CallbackTokenRedaction.Placeholder);

    [GeneratedRegex(@"^(?<path>/(?:hooks/(?:stk|c2b|reversal)|pay/(?:status|receipt)|invite)/)[^/?]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSegment();
}
