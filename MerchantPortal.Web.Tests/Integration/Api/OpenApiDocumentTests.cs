using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// <c>/openapi/v1.json</c> (issue 14): generated from the <c>/api/{action}</c> endpoints, it describes every action with
/// its fields, authentication, idempotency and error codes, and the webhooks; a client built from it alone works.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var http = app.NewClient();
        using var response = await http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task EveryActionHasItsOwnPathWithItsMethodsFieldsAndRequiredOnes()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        Assert.Equal(Actions.Table.Keys.Select(n => "/api/" + n).Order(StringComparer.Ordinal),
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (name, route) in Actions.Table)
        {
            var item = paths.GetProperty("/api/" + name);
            var contract = ActionContracts.All[name];
            Assert.Equal(route.AllowGet, item.TryGetProperty("get", out _));
            var post = item.GetProperty("post");
            Assert.Equal(name, post.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(post.GetProperty("summary").GetString()));
            Assert.True(post.GetProperty("responses").TryGetProperty("200", out _), name);
            if (contract.Fields.Count == 0)
            {
                continue;
            }

            foreach (var type in new[] { "application/json", "application/x-www-form-urlencoded", "multipart/form-data" })
            {
                var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty(type).GetProperty("schema");
                Assert.Equal(contract.Fields.Select(f => f.Name).Order(StringComparer.Ordinal),
                    schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
                Assert.Equal(contract.Fields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal), required.Order(StringComparer.Ordinal));
            }
        }

        var amount = paths.GetProperty("/api/api_stk").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("properties").GetProperty("amount");
        Assert.Equal(1, amount.GetProperty("minimum").GetInt32());
        Assert.Equal(250_000, amount.GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task EveryErrorCodeIsInTheEnvelopeAndUnderItsStatusAndAuthenticationAndIdempotencyAreDescribed()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var components = document.GetProperty("components");

        var codes = components.GetProperty("schemas").GetProperty("ErrorEnvelope").GetProperty("properties").GetProperty("code")
            .GetProperty("enum").EnumerateArray().Select(c => c.GetString()!).ToHashSet();
        Assert.Equal(ApiErrorCodes.All.Select(c => c.Code).ToHashSet(), codes);
        var answered = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("responses").EnumerateObject()).Select(r => r.Value.GetProperty("description").GetString()).ToList();
        foreach (var code in ApiErrorCodes.All.Where(c => c.Status is null || c.Status.All(char.IsDigit)))
        {
            Assert.Contains(answered, d => d!.Contains($"`{code.Code}`", StringComparison.Ordinal));
        }

        var stk = paths.GetProperty("/api/api_stk").GetProperty("post").GetProperty("responses");
        Assert.Contains("duplicate_pending", stk.GetProperty("409").GetProperty("description").GetString());
        Assert.Contains("invalid_phone", stk.GetProperty("400").GetProperty("description").GetString());
        Assert.Contains("not_authenticated", stk.GetProperty("401").GetProperty("description").GetString());
        Assert.DoesNotContain("username_taken", stk.GetProperty("409").GetProperty("description").GetString());

        var schemes = components.GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());
        Assert.Equal("mp_session", schemes.GetProperty("session").GetProperty("name").GetString());
        Assert.Equal("cookie", schemes.GetProperty("session").GetProperty("in").GetString());
        Assert.True(paths.GetProperty("/api/me").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/plans").GetProperty("post").TryGetProperty("security", out _));
        Assert.Contains(paths.GetProperty("/api/api_stk").GetProperty("post").GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");

        var webhooks = document.GetProperty("webhooks");
        foreach (var type in MerchantPortal.Web.Features.Webhooks.WebhookEvents.All)
        {
            var post = webhooks.GetProperty(type).GetProperty("post");
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Portal-Signature");
        }
    }

    [Fact]
    public async Task AClientThatKnowsOnlyTheDocumentPushesAPaymentWithItsExamplesAndAKey()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        var document = await DocumentAsync();

        // What a generated client does: the path and the body from the operation, the key as the bearer scheme says.
        var (path, operation) = document.GetProperty("paths").EnumerateObject()
            .Select(p => (p.Name, Operation: p.Value.GetProperty("post")))
            .Single(p => p.Operation.GetProperty("operationId").GetString() == "api_stk");
        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var body = new JsonObject();
        foreach (var field in schema.GetProperty("required").EnumerateArray().Select(f => f.GetString()!))
        {
            body[field] = schema.GetProperty("properties").GetProperty(field).GetProperty("examples")[0].GetString();
        }

        using var api = app.NewApi();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var answer = (await api.SendAsync(request)).AssertOk();

        var transaction = await merchant.WaitForFinalAsync(answer.Data.GetProperty("transaction_id").GetString()!);
        Assert.Equal("succeeded", transaction.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheReferencePageIsPublicLinksTheDocumentAndIsTheOnlyPageAllowedInlineStyles()
    {
        using var http = app.NewClient();

        using var reference = await http.GetAsync("/docs/api");
        using var signIn = await http.GetAsync("/Identity/Account/Login");
        using var bundle = await http.GetAsync("/docs/api-assets/scalar.js");
        var html = await reference.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("<a href=\"/openapi/v1.json\">", html);
        Assert.Contains("<script src=\"/docs/api-assets/scalar.js\"></script>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("style-src 'self' 'unsafe-inline'", reference.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", signIn.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(System.Net.HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("javascript", bundle.Content.Headers.ContentType?.MediaType);
    }
}
