using System.Text.Json;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Api;

/// <summary>
/// The fields of one <c>/index.php</c> call, from the query string and the body (multipart, urlencoded or
/// JSON), read once per request. A field sent more than once (in the query and the body, or repeated in one) is taken
/// once when every copy says the same, and refuses the call when they differ (<c>conflicting_field</c>): which amount
/// or phone was meant cannot be guessed, where PHP would quietly keep the last. An empty field counts as absent: PHP's curl sends <c>null</c> as an empty string
/// (<see cref="Sent"/> tells the two apart for the actions where a blank clears a value). Values are
/// trimmed, except passwords and keys, which are taken exactly as sent. A field that is not plain text (see
/// <see cref="PlainText"/>) refuses the whole call, so no action ever hands such a value to the database.
/// </summary>
public sealed class ActionInput
{
    private static readonly object ItemKey = new();
    private readonly Dictionary<string, string> fields;
    private readonly HashSet<string> blanks;

    private ActionInput(Dictionary<string, string> fields, string? error, HashSet<string>? blanks = null)
    {
        this.fields = fields;
        this.blanks = blanks ?? [];
        Error = error;
    }

    private static readonly HashSet<string> Verbatim = new(StringComparer.OrdinalIgnoreCase) { "password", "api_key" };

    /// <summary>Why the body could not be read, or null.</summary>
    public string? Error { get; }

    /// <summary>The first field whose value is not plain text (400, naming it), or null.</summary>
    public ServiceError? InvalidField { get; private set; }

    /// <summary>The body is of a type the API does not read (415).</summary>
    public bool UnsupportedMediaType { get; private init; }

    public string? this[string name] => fields.TryGetValue(name, out var value) ? value : null;

    public string? Action => this["action"]?.Trim();

    /// <summary>Every field as sent (for the request log, which removes secrets: never log these as they are).</summary>
    public IEnumerable<KeyValuePair<string, string>> All => fields;

    /// <summary>
    /// The field as sent, telling a blank one ("") from one not sent (null): for actions where blank means
    /// "clear" and absent means "keep" (<c>save_profile</c>).
    /// </summary>
    public string? Sent(string name) => this[name] ?? (blanks.Contains(name) ? "" : null);

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
        var blanks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var conflicts = new List<string>();
        foreach (var (name, values) in request.Query)
        {
            AddAll(fields, blanks, conflicts, name, values);
        }

        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                foreach (var (name, values) in form)
                {
                    AddAll(fields, blanks, conflicts, name, values);
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
                    Add(fields, blanks, conflicts, property.Name, property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        _ => property.Value.GetRawText(),
                    });
                }
            }
            else if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
            {
                return new ActionInput(fields, "Send form fields (multipart or urlencoded) or a JSON object.") { UnsupportedMediaType = true };
            }
        }
        // InvalidOperationException: a JSON string escaping half a surrogate pair ("\ud800") cannot become a string.
        catch (Exception ex) when (ex is JsonException or InvalidDataException or BadHttpRequestException or IOException or InvalidOperationException)
        {
            return new ActionInput(fields, "The request body could not be read: send form fields or a JSON object.");
        }

        var input = new ActionInput(fields, null, blanks);
        var bad = fields.FirstOrDefault(f => !PlainText.IsPlain(f.Key) || (!Verbatim.Contains(f.Key) && !PlainText.IsPlain(f.Value))).Key;
        if (bad is not null)
        {
            input.InvalidField = PlainText.IsPlain(bad)
                ? ServiceError.Invalid("invalid_characters", $"{bad} {PlainText.Message}", bad)
                : ServiceError.Invalid("invalid_characters", "A field name " + PlainText.Message);
        }
        else if (conflicts.Count > 0)
        {
            input.InvalidField = ServiceError.Invalid("conflicting_field",
                $"{conflicts[0]} was sent more than once with different values: send it once.", conflicts[0]);
        }

        return input;
    }

    private static void AddAll(
        Dictionary<string, string> fields, HashSet<string> blanks, List<string> conflicts, string name, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 0)
        {
            Add(fields, blanks, conflicts, name, null);
        }

        foreach (var value in values)
        {
            Add(fields, blanks, conflicts, name, value);
        }
    }

    private static void Add(Dictionary<string, string> fields, HashSet<string> blanks, List<string> conflicts, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            blanks.Add(name);
            return;
        }

        var kept = Verbatim.Contains(name) ? value : value.Trim();
        if (fields.TryGetValue(name, out var earlier) && earlier != kept && !conflicts.Contains(name))
        {
            conflicts.Add(name);
        }

        fields[name] = kept;
    }
}
