using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>One scripted HTTP answer of the fake Daraja.</summary>
public sealed record FakeAnswer(int Status, string Body, string ContentType = "application/json", TimeSpan Delay = default)
{
    /// <summary>An STK query's final-looking answer (Daraja sends its codes as strings here).</summary>
    public static FakeAnswer Result(string code, string desc) => new(200,
        $$"""{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"1","CheckoutRequestID":"CHECKOUT","ResultCode":"{{code}}","ResultDesc":"{{desc}}"}""");

    public static FakeAnswer BeingProcessed { get; } = new(500,
        """{"requestId":"CHECKOUT","errorCode":"500.001.1001","errorMessage":"The transaction is being processed"}""");
}

/// <summary>What the fake Daraja does for pushes to one phone: its push answer, its query answers, its callback.</summary>
public sealed class FakeCustomer
{
    /// <summary>The push's answer; null accepts it as Daraja does.</summary>
    public FakeAnswer? Push { get; init; }

    /// <summary>Query answers in turn; the last is repeated. Empty: "being processed".</summary>
    public IReadOnlyList<FakeAnswer> Queries { get; init; } = [];

    /// <summary>A success callback with a receipt for the amount pushed, this long after the push arrived.</summary>
    public TimeSpan? PaidCallbackAfter { get; init; }

    internal int QueriesAnswered;
}

/// <summary>
/// A Daraja on loopback that answers what a test scripts per phone, including what the built-in simulator does not
/// produce (gateway faults, HTML, interim query codes, slow answers). Pushes to other phones are accepted and never
/// answered.
/// </summary>
public sealed class FakeDaraja : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, FakeCustomer> customers = new();
    private readonly ConcurrentDictionary<string, string> checkouts = new();
    private readonly ConcurrentDictionary<string, JsonElement> pushes = new();
    private readonly HttpClient callbacks = new();

    private FakeDaraja(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every C2B register URL request received, in order (Daraja's §6.1 body).</summary>
    public ConcurrentQueue<JsonElement> C2BRegistrations { get; } = new();

    public static FakeDaraja Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var daraja = new FakeDaraja(app);
        app.MapGet("/oauth/v1/generate", () => Results.Json(new { access_token = "fake-token", expires_in = "3599" }));
        app.MapPost("/mpesa/stkpush/v1/processrequest", daraja.PushAsync);
        app.MapPost("/mpesa/stkpushquery/v1/query", daraja.QueryAsync);
        app.MapPost("/mpesa/c2b/v2/registerurl", async (HttpRequest request) =>
        {
            daraja.C2BRegistrations.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.Content("""{"OriginatorCoversationID":"6e86-45dd-91ac-fd5d4178ab523408729","ResponseCode":"0","ResponseDescription":"Success"}""",
                "application/json");
        });
        app.StartAsync().GetAwaiter().GetResult();
        daraja.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return daraja;
    }

    /// <summary>Scripts what happens to pushes to <paramref name="localPhone"/> (07…).</summary>
    public void Script(string localPhone, FakeCustomer customer) => customers["254" + localPhone[1..]] = customer;

    /// <summary>The body of the last push to <paramref name="localPhone"/> (07…), as Daraja received it; null if none came.</summary>
    public JsonElement? LastPushTo(string localPhone) => pushes.TryGetValue("254" + localPhone[1..], out var body) ? body : null;

    private async Task<IResult> PushAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        var phone = body.GetProperty("PhoneNumber").ToString();
        pushes[phone] = body;
        var checkout = "ws_CO_FAKE" + Guid.NewGuid().ToString("N")[..20];
        checkouts[checkout] = phone;
        customers.TryGetValue(phone, out var customer);
        if (customer?.PaidCallbackAfter is { } after)
        {
            _ = CallBackAsync(body.GetProperty("CallBackURL").GetString()!, checkout, body.GetProperty("Amount").ToString(), after);
        }

        return customer?.Push is { } scripted
            ? await AnswerAsync(scripted, checkout)
            : Results.Text(
                """{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"CHECKOUT","ResponseCode":"0","ResponseDescription":"Success. Request accepted for processing","CustomerMessage":"Success. Request accepted for processing"}"""
                    .Replace("CHECKOUT", checkout, StringComparison.Ordinal), "application/json");
    }

    private async Task<IResult> QueryAsync(HttpRequest request)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        var checkout = body.GetProperty("CheckoutRequestID").GetString()!;
        var customer = checkouts.TryGetValue(checkout, out var phone) && customers.TryGetValue(phone, out var c) ? c : null;
        if (customer is null || customer.Queries.Count == 0)
        {
            return await AnswerAsync(FakeAnswer.BeingProcessed, checkout);
        }

        var turn = Interlocked.Increment(ref customer.QueriesAnswered) - 1;
        return await AnswerAsync(customer.Queries[Math.Min(turn, customer.Queries.Count - 1)], checkout);
    }

    private static async Task<IResult> AnswerAsync(FakeAnswer answer, string checkout)
    {
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay);
        }

        return Results.Text(answer.Body.Replace("CHECKOUT", checkout, StringComparison.Ordinal), answer.ContentType, statusCode: answer.Status);
    }

    private async Task CallBackAsync(string url, string checkout, string amount, TimeSpan after)
    {
        await Task.Delay(after);
        var receipt = "UKF" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        var callback = JsonDocument.Parse("""
            {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"CHECKOUT","ResultCode":0,
            "ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":AMOUNT},
            {"Name":"MpesaReceiptNumber","Value":"RECEIPT"}]}}}}
            """.Replace("CHECKOUT", checkout, StringComparison.Ordinal).Replace("AMOUNT", amount, StringComparison.Ordinal)
            .Replace("RECEIPT", receipt, StringComparison.Ordinal));
        using var response = await callbacks.PostAsJsonAsync(url, callback.RootElement);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        callbacks.Dispose();
    }
}
