using System.Text.Json;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The fields of one <c>/index.php</c> call, from the query string and the body (multipart, urlencoded or
/// JSON), read once per request. Body fields win over query fields. An empty field counts as absent: PHP's
/// curl sends <c>null</c> as an empty string.
/// </summary>
public sealed class ActionInput
{
    private static readonly object ItemKey = new();
    private readonly Dictionary<string, string> fields;

    private ActionInput(Dictionary<string, string> fields, string? error)
    {
        this.fields = fields;
        Error = error;
    }

    /// <summary>Why the body could not be read, or null.</summary>
    public string? Error { get; }

    public string? this[string name] => fields.TryGetValue(name, out var value) ? value : null;

    public string? Action => this["action"]?.Trim();

    public static async Task<ActionInput> ReadAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is ActionInput input)
        {
            return input;
        }

        input = await ParseAsync(context.Request);
        context.Items[ItemKey] = input;
        return input;
    }

    private static async Task<ActionInput> ParseAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            Add(fields, name, values.ToString());
        }

        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                foreach (var (name, values) in form)
                {
                    Add(fields, name, values.ToString());
                }
            }
            else if (request.HasJsonContentType())
            {
                using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return new ActionInput(fields, "The JSON body must be an object of fields.");
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    Add(fields, property.Name, property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        _ => property.Value.GetRawText(),
                    });
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            return new ActionInput(fields, "The request body could not be read: send form fields or a JSON object.");
        }

        return new ActionInput(fields, null);
    }

    private static void Add(Dictionary<string, string> fields, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        fields[name] = value.Trim();
    }
}
