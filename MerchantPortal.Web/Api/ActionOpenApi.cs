using System.Globalization;
using System.Text.Json.Nodes;
using MerchantPortal.Web.Features.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MerchantPortal.Web.Api;

/// <summary>
/// Completes the OpenAPI document Microsoft.AspNetCore.OpenApi generates from the <c>/api/{action}</c> endpoints
/// (<see cref="ActionEndpoints"/>): each operation's fields from its <see cref="ActionContract"/> (as JSON, form and
/// multipart bodies, or the query for GET), the envelope, every error code with its HTTP status from
/// <see cref="ApiErrorCodes"/>, the ways to authenticate, the <c>Idempotency-Key</c> header, and the webhook events
/// with their signature header. Nothing here lists the actions: the paths are the endpoints'.
/// </summary>
public sealed class ActionOpenApi : IOpenApiDocumentTransformer
{
    public const string DocumentPath = "/openapi/v1.json";

    private const string Bearer = "bearer";
    private const string HeaderKey = "apiKeyHeader";
    private const string FieldKey = "apiKeyField";
    private const string Session = "session";
    private const string Ok = "OkEnvelope";
    private const string Error = "ErrorEnvelope";
    private const string Transaction = "Transaction";
    private const string Event = "WebhookEvent";

    private static readonly string[] BodyTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MerchantPortal API",
            Version = "v1",
            Description = "M-Pesa payments for Kenyan merchants. Every action is served at POST /api/{action} and, as the API "
                + "document writes it, at /index.php?action={action}, with the same fields and answers. Every answer is the JSON "
                + "envelope: status (ok or error), message, data; an error adds code (stable), errors (per field) and correlation_id.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Ok] = OkSchema();
        document.Components.Schemas[Error] = ErrorSchema();
        document.Components.Schemas[Transaction] = TransactionSchema();
        document.Components.Schemas[Event] = EventSchema(document);
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key: Authorization: Bearer sk_…" },
            [HeaderKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key", Description = "An API key in the X-Api-Key header." },
            [FieldKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "api_key", Description = "An API key as the api_key field (in the body; the query works but is logged by proxies)." },
            [Session] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "mp_session", Description = "The session cookie login and register set." },
        };

        // Only the actions: Daraja's callback URLs and the logo images are endpoints too, but not the API's.
        foreach (var other in document.Paths.Keys.Where(p => !p.StartsWith(ApiPaths.Prefix + "/", StringComparison.Ordinal)).ToList())
        {
            document.Paths.Remove(other);
        }

        foreach (var (path, item) in document.Paths)
        {
            var name = path.StartsWith(ApiPaths.Prefix + "/", StringComparison.Ordinal) ? path[(ApiPaths.Prefix.Length + 1)..] : null;
            if (name is null || !Actions.Table.TryGetValue(name, out var route) || !ActionContracts.All.TryGetValue(name, out var contract))
            {
                continue;
            }

            foreach (var (method, operation) in item.Operations ?? [])
            {
                Describe(document, name, route, contract, method == HttpMethod.Get, operation);
            }
        }

        document.Webhooks = WebhookEvents.All.ToDictionary(type => type, type => (IOpenApiPathItem)new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new OpenApiOperation
                {
                    Summary = $"{type}: POSTed to each endpoint that wants it (and, for a payment's final event, to its callback_url).",
                    Description = $"Signed: {WebhookSigning.Header}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>. "
                        + "Answer 2xx within 10 seconds; other answers are retried with backoff.",
                    Parameters = [new OpenApiParameter { Name = WebhookSigning.Header, In = ParameterLocation.Header, Required = true, Schema = Text("The signature.") }],
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(Event, document) } },
                    },
                    Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "Received." } },
                },
            },
        });
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiDocument document, string name, ActionRoute route, ActionContract contract, bool isGet, OpenApiOperation operation)
    {
        operation.OperationId = isGet ? name + "_get" : name;
        operation.Summary = contract.Summary;
        operation.Description = $"The answer: {contract.Answer} Also at {ApiPaths.Entry}?action={name}."
            + (route.AllowGet ? " GET and POST both work (it changes nothing)." : " POST only: a GET is 405 method_not_allowed.");
        var fields = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
        foreach (var field in contract.Fields)
        {
            fields.Properties[field.Name] = FieldSchema(field);
            if (field.Required)
            {
                fields.Required.Add(field.Name);
            }
        }

        operation.Parameters ??= [];
        if (isGet)
        {
            foreach (var field in contract.Fields)
            {
                operation.Parameters.Add(new OpenApiParameter { Name = field.Name, In = ParameterLocation.Query, Required = field.Required, Schema = FieldSchema(field), Description = field.Description });
            }
        }
        else if (contract.Fields.Count > 0)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = contract.Fields.Any(f => f.Required),
                Content = BodyTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = fields }),
            };
        }

        if (contract.Idempotent)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Description = "Retries with the same key and the same fields get the first answer again, without a second push (kept 24 hours; also the idempotency_key field).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
        }

        if (route.RequiresMerchant)
        {
            operation.Security =
            [
                Requirement(document, Bearer), Requirement(document, HeaderKey), Requirement(document, FieldKey), Requirement(document, Session),
            ];
        }

        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = contract.Answer,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(Ok, document) } },
            },
        };
        foreach (var (status, codes) in ErrorsOf(name, route))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                // Markdown, as references render it: each code as code, so invalid_<field> is not read as a tag.
                Description = string.Join("\n", codes.Select(c => $"- `{c.Code}`: {c.Meaning}")),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(Error, document) } },
            };
        }
    }

    /// <summary>
    /// The codes an action can answer, by HTTP status: the ones written for it (their meaning starts with its name),
    /// and those written for no action in particular (the envelope's, authentication's, the shared fields').
    /// </summary>
    public static IEnumerable<(string Status, IReadOnlyList<ApiErrorCode> Codes)> ErrorsOf(string name, ActionRoute route) =>
        ApiErrorCodes.All
            .Where(c => ActionsNamedBy(c) is not { } named || named.Contains(name))
            .Where(c => route.RequiresMerchant || c.Code != "not_authenticated")
            .SelectMany(c => Statuses(c).Select(status => (Status: status, Code: c)))
            .GroupBy(s => s.Status, s => s.Code)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<ApiErrorCode>)[.. g]));

    /// <summary>The actions a code's meaning starts with ("create_link: …", "pay_from_link/paylink: …"), or null.</summary>
    private static HashSet<string>? ActionsNamedBy(ApiErrorCode code)
    {
        var colon = code.Meaning.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var names = code.Meaning[..colon].Split('/');
        return names.All(Actions.Table.ContainsKey) ? [.. names] : null;
    }

    private static IEnumerable<string> Statuses(ApiErrorCode code) =>
        code.Status is { } fixedStatus
            ? fixedStatus.All(char.IsDigit) ? [fixedStatus] : []
            : code.Kinds.Select(k => ApiEnvelope.HttpStatus(k).ToString(CultureInfo.InvariantCulture)).Distinct();

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiSchema FieldSchema(ActionField field)
    {
        var schema = new OpenApiSchema
        {
            Description = field.Description,
            Type = field.Kind switch
            {
                // A form sends every value as text; JSON may send numbers and booleans as such.
                FieldKind.Integer => JsonSchemaType.Integer | JsonSchemaType.String,
                FieldKind.Boolean => JsonSchemaType.Boolean | JsonSchemaType.String,
                _ => JsonSchemaType.String,
            },
            Format = field.Kind switch
            {
                FieldKind.Email => "email",
                FieldKind.Url => "uri",
                FieldKind.Phone => "phone",
                _ => null,
            },
            MinLength = field.MinLength,
            MaxLength = field.MaxLength,
            Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture),
            Pattern = field.Pattern,
            Examples = field.Example is null ? null : [JsonValue.Create(field.Example)],
        };
        if (field.Values is { } values)
        {
            schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        return schema;
    }

    private static OpenApiSchema Text(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };

    private static OpenApiSchema Number(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Description = description };

    private static OpenApiSchema OkSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An action's answer. Some actions also put a field at the top level, as the API document shows (user for me, key for generate_api_key, public_url for create_link).",
        Required = new HashSet<string> { "status", "message", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("ok")] },
            ["message"] = Text("For people."),
            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = "The action's answer." },
        },
    };

    private static OpenApiSchema ErrorSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "message", "data", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("error")] },
            ["message"] = Text("For people: what went wrong and what to do."),
            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = "Null, or what an error carries (for example the failed transaction)." },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable. invalid_<field> and http_<status> stand for families of codes.",
                Enum = [.. ApiErrorCodes.All.Select(c => (JsonNode)JsonValue.Create(c.Code))],
            },
            ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Each refused field with its reason.", AdditionalProperties = Text("The reason.") },
            ["correlation_id"] = Text("Quote it to support: it is in our logs and the X-Correlation-Id header."),
        },
    };

    private static OpenApiSchema TransactionSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = Text("txn_…"),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. new[] { "pending", "succeeded", "failed", "cancelled", "timeout", "unknown", "reversed" }.Select(s => (JsonNode)JsonValue.Create(s))] },
            ["amount"] = Number("Whole shillings."),
            ["phone"] = Text("2547XXXXXXXX; for a payment from the M-Pesa menu, as M-Pesa gives it (often masked)."),
            ["payment_id"] = Text("#00001…"),
            ["link_id"] = Text("The link it pays, or null.", nullable: true),
            ["receipt"] = Text("The M-Pesa receipt, or null.", nullable: true),
            ["result_code"] = Text("Daraja's.", nullable: true),
            ["result_desc"] = Text("Daraja's.", nullable: true),
            ["reason"] = Text("In plain words."),
            ["checkout_request_id"] = Text("Daraja's; null for a payment from the M-Pesa menu.", nullable: true),
            ["created_at"] = Number("Unix seconds."),
            ["completed_at"] = Number("Unix seconds, or null.", nullable: true),
            ["callback_url"] = Text("api_stk's callback_url, or null.", nullable: true),
            ["channel"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("stk"), JsonValue.Create("c2b")] },
            ["bill_ref"] = Text("The account number the customer typed (menu payments).", nullable: true),
            ["payer_name"] = Text("As M-Pesa gives it (menu payments).", nullable: true),
            ["livemode"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "false for a test-mode payment (a test key's, through the simulator)." },
        },
    };

    private static OpenApiSchema EventSchema(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = Text("evt_…: the same on every retry of one event."),
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. WebhookEvents.All.Select(t => (JsonNode)JsonValue.Create(t))] },
            ["created_at"] = Number("Unix seconds."),
            ["livemode"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "false for a test-mode event: only test endpoints get them." },
            ["api_version"] = Text("The payload's version."),
            ["data"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["transaction"] = new OpenApiSchemaReference(Transaction, document) },
            },
        },
    };
}
