using System.Globalization;
using System.Text;

namespace MerchantPortal.Web.Features.Idempotency;

/// <summary>
/// What makes two requests "the same" under one Idempotency-Key: the action and its named parameters, written
/// canonically (each name and value prefixed by its length, an absent value distinct from an empty one), so no
/// value can imitate another's boundaries and a change in a record's <c>ToString()</c> never changes a fingerprint.
/// </summary>
public static class Fingerprint
{
    public static string Of(string action, params (string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        Append(text, action);
        foreach (var (name, value) in parameters)
        {
            Append(text, name);
            Append(text, value);
        }

        return text.ToString();
    }

    /// <summary>A phone as M-Pesa sees it (<c>0712…</c> and <c>254712…</c> are one customer), or as given when unreadable.</summary>
    public static string? Phone(string? value) => Common.Phones.TryNormalize(value, out var msisdn) ? msisdn : value;

    private static void Append(StringBuilder text, string? value) =>
        text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
}
