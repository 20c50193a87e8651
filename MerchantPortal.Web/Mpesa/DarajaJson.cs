using System.Text.Json;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Reading Daraja's loosely typed JSON: the same field comes as a string in one answer and a number in another.</summary>
internal static class DarajaJson
{
    /// <summary>A field as text whether sent as a string or a number; null when absent, of another kind, or not in an object.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
