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

    private static void Append(StringBuilder text, string? value) =>
        text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
}
