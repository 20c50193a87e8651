using System.Net;
using System.Text;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

public enum BodyKind
{
    Multipart,
    UrlEncoded,
    Json,
}

/// <summary>A field of a valid request: its value (made fresh per call where it must be unique) and whether the action needs it.</summary>
public sealed record WalkField(string Name, Func<string> Value, bool Required = false);

/// <summary>
/// A valid request for every action of the table, for one merchant with an account, a key, a link, a webhook, a
/// transaction and a delivery: the starting point from which <see cref="ActionTableInputTests{TApp}"/> removes,
/// blanks and spoils each field in turn.
/// </summary>
public sealed class ActionTableWalk
{
    private ActionTableWalk(PortalApp app, TestMerchant owner, string apiKey, IReadOnlyDictionary<string, WalkField[]> requests)
    {
        App = app;
        Owner = owner;
        ApiKey = apiKey;
        Requests = requests;
    }

    /// <summary>The business the walk's data belongs to, signed in (its cookie sends the session-only actions).</summary>
    public TestMerchant Owner { get; }

    public PortalApp App { get; }

    public string ApiKey { get; }

    public IReadOnlyDictionary<string, WalkField[]> Requests { get; }

    /// <summary>Actions that need no merchant are sent without the key.</summary>
    public static readonly HashSet<string> Anonymous = ["login", "register", "logout", "paylink", "pay_from_link", "plans"];

    /// <summary>A person's acts (members and invitations): an API key may not do them, so they are sent with the owner's session.</summary>
    public static readonly HashSet<string> SessionOnly = ["members", "invite_member", "change_role", "remove_member", "accept_invite", "switch_business"];

    public static async Task<ActionTableWalk> StartAsync(PortalApp app)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var signer = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync("paybill", "123456");
        var key = await merchant.GenerateKeyAsync();
        var api = merchant.Api;
        var lid = (await api.PostAsync("create_link", ("title", "Walk"), ("min", "10"), ("max", "500"))).AssertOk().Data.GetProperty("link_id").GetString()!;
        var webhook = Webhook(await api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/walk")));
        var doomed = Webhook(await api.PostAsync("save_webhook", ("url", "http://127.0.0.1:9/doomed")));
        var txn = (await api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "10"))).AssertOk().Data;
        var transactionId = txn.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(transactionId);
        var delivery = await FirstDeliveryAsync(api);
        var unmatched = (await C2BPayments.AddAsync(app, merchant, 10, "NOLINK")).PublicId;
        var plan = (await app.NewApi().GetAsync("plans")).AssertOk().Data.GetProperty("plans")[0].GetProperty("id").GetString()!;
        var member = await TestMembers.JoinAsync(app, merchant, "viewer");
        var doomedMember = await TestMembers.JoinAsync(app, merchant, "viewer");

        static string Fresh() => "w" + Guid.NewGuid().ToString("N")[..12];
        var requests = new Dictionary<string, WalkField[]>
        {
            ["login"] = [new("user", () => signer.Username, true), new("password", () => signer.Password, true)],
            ["register"] =
            [
                new("username", Fresh, true), new("email", () => Fresh() + "@example.com", true),
                new("password", () => "secret1", true), new("phone", () => "0712345678"), new("business_name", () => "Walk Shop"),
            ],
            ["logout"] = [],
            ["me"] = [],
            ["save_profile"] =
            [
                new("business_name", () => "Walk Shop"), new("support_phone", () => "0712345678"),
                new("support_email", () => "help@example.com"),
            ],
            ["save_payment_account"] =
            [
                new("type", () => "till", true), new("number", () => "765432", true), new("accountReference", () => "Walk"),
            ],
            ["create_link"] =
            [
                new("title", () => "Walk link", true), new("amount", () => "50"), new("min", () => "10"), new("max", () => "100"),
                new("logo", () => "https://example.com/logo.png"), new("payment_id", () => paymentId),
            ],
            ["paylink"] = [new("uid", () => merchant.PublicId), new("lid", () => lid, true)],
            ["pay_from_link"] =
            [
                new("uid", () => merchant.PublicId, true), new("lid", () => lid, true), new("phone", TestPhones.Random, true),
                new("amount", () => "20"), new("idempotency_key", Fresh),
            ],
            ["generate_api_key"] = [new("label", () => "Walk")],
            ["api_stk"] =
            [
                new("phone", TestPhones.Random, true), new("amount", () => "10", true), new("payment_id", () => paymentId),
                new("reference", () => "Walk"), new("description", () => "Walk"), new("callback_url", () => "http://127.0.0.1:9/cb"),
                new("idempotency_key", Fresh),
            ],
            ["transaction"] = [new("transaction_id", () => transactionId, true)],
            ["assign_payment"] = [new("transaction_id", () => unmatched, true), new("link_id", () => lid, true)],
            ["transactions"] =
            [
                new("status", () => "succeeded"), new("from", () => "2026-01-01"), new("to", () => "2030-01-01"),
                new("payment_id", () => paymentId), new("link_id", () => lid), new("phone", () => "0712345678"),
                new("search", () => "txn"), new("limit", () => "5"), new("cursor", () => ""),
            ],
            ["request_logs"] =
            [
                new("log_action", () => "api_stk"), new("http_status", () => "200"), new("key", () => "Walk"),
                new("from", () => "2026-01-01"), new("to", () => "2030-01-01"), new("limit", () => "5"), new("cursor", () => ""),
            ],
            ["simulate_c2b"] =
            [
                new("payment_id", () => paymentId), new("phone", TestPhones.Random, true), new("amount", () => "10", true),
                new("bill_ref", () => "WALK"),
            ],
            ["register_c2b_urls"] = [new("payment_id", () => paymentId, true)],
            ["webhooks"] = [],
            ["save_webhook"] =
            [
                new("url", () => "http://127.0.0.1:9/" + Fresh(), true), new("events", () => "transaction.succeeded,link.paid"),
                new("enabled", () => "true"),
            ],
            ["delete_webhook"] = [new("webhook_id", () => doomed, true)],
            ["webhook_deliveries"] = [new("webhook_id", () => webhook)],
            ["redeliver_webhook"] = [new("delivery_id", () => delivery, true)],
            ["plans"] = [],
            ["subscription"] = [],
            ["renew_subscription"] = [new("plan_id", () => plan), new("phone", TestPhones.Random, true), new("idempotency_key", Fresh)],
            ["members"] = [],
            ["invite_member"] = [new("email", () => Fresh() + "@example.com", true), new("role", () => "cashier", true)],
            ["change_role"] = [new("member_id", () => member.PublicId, true), new("role", () => "finance", true)],
            ["remove_member"] = [new("member_id", () => doomedMember.PublicId, true)],
            ["accept_invite"] = [new("token", () => "inv_" + Fresh(), true)],
            ["switch_business"] = [new("merchant_id", () => merchant.PublicId, true)],
        };
        return new ActionTableWalk(app, merchant, key, requests);
    }

    private static string Webhook(ApiResponse saved) => saved.AssertOk().Data.GetProperty("webhook").GetProperty("id").GetString()!;

    private static async Task<string> FirstDeliveryAsync(ApiClient api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = (await api.GetAsync("webhook_deliveries")).AssertOk().Data.GetProperty("deliveries");
            if (deliveries.GetArrayLength() > 0)
            {
                return deliveries[0].GetProperty("id").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, "No webhook delivery was made for the walk's transaction.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Sends one call and checks what every answer must be: never a 5xx, always the JSON envelope, an error with a
    /// code. A field whose value is null is sent as JSON null (forms leave it out). Returns a problem, or null.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, string? Problem)> SendAsync(
        BodyKind kind, string action, IReadOnlyList<(string Name, string? Value)> fields, string? rawJsonField = null)
    {
        var session = SessionOnly.Contains(action);
        using var fresh = session ? null : App.NewClient();
        var http = fresh ?? Owner.Api.Http;
        var request = new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = Body(kind, action, fields, rawJsonField) };
        if (!Anonymous.Contains(action) && !session)
        {
            request.Headers.Add("X-Api-Key", ApiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var described = $"{action} {kind} [{string.Join(", ", fields.Select(f => $"{f.Name}={Show(f.Value)}"))}{rawJsonField}]";
        if ((int)response.StatusCode >= 500)
        {
            return (response.StatusCode, default, $"{(int)response.StatusCode} for {described}: {Show(text)}");
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return (response.StatusCode, default, $"not JSON ({response.Content.Headers.ContentType}) for {described}");
        }

        var body = JsonDocument.Parse(text).RootElement.Clone();
        var status = body.TryGetProperty("status", out var s) ? s.GetString() : null;
        var ok = status == "ok" && response.StatusCode == HttpStatusCode.OK;
        var error = status == "error" && (int)response.StatusCode >= 400
            && body.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 };
        return (response.StatusCode, body, ok || error ? null : $"not an envelope ({(int)response.StatusCode}) for {described}: {Show(text)}");
    }

    private static HttpContent Body(BodyKind kind, string action, IReadOnlyList<(string Name, string? Value)> fields, string? rawJsonField)
    {
        var present = fields.Where(f => f.Value is not null).Select(f => (f.Name, Value: f.Value!)).ToList();
        switch (kind)
        {
            case BodyKind.Multipart:
                var form = new MultipartFormDataContent { { new StringContent(action), "action" } };
                foreach (var (name, value) in present)
                {
                    form.Add(new StringContent(value), name);
                }

                return form;
            case BodyKind.UrlEncoded:
                var encoded = string.Join("&", present.Prepend(("action", action))
                    .Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2)));
                return new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded");
            default:
                var json = new StringBuilder("{\"action\":").Append(JsonSerializer.Serialize(action));
                foreach (var (name, value) in fields)
                {
                    json.Append(',').Append(JsonSerializer.Serialize(name)).Append(':').Append(value is null ? "null" : JsonSerializer.Serialize(value));
                }

                if (rawJsonField is not null)
                {
                    json.Append(',').Append(rawJsonField);
                }

                return new StringContent(json.Append('}').ToString(), Encoding.UTF8, "application/json");
        }
    }

    private static string Show(string? value) => value is null ? "null" : value.Length > 80 ? value[..40] + $"…({value.Length} chars)" : value;
}
