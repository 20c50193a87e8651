using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Hosting;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c>, the portal as its own process: one JSON object a line, and a request's
/// lines carry its correlation id (the one its answer gives) and its merchant, never a callback's secret path or a key.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task APaymentsLogLinesCarryTheRequestsCorrelationIdAndMerchant()
    {
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });
        using var http = portal.NewClient();
        var api = new ApiClient(http);
        var user = (await api.PostAsync("register", ("username", "jsonlog1"), ("email", "jsonlog1@example.com"), ("password", "secret1"))).AssertOk()
            .Data.GetProperty("user").GetProperty("id").GetString();
        (await api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "600200"))).AssertOk();
        var key = (await api.PostAsync("generate_api_key", ("label", "Till"))).AssertOk().Body.GetProperty("key").GetString()!;

        using var keyed = new HttpClient { BaseAddress = portal.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/index.php?action=api_stk")
        {
            Content = new FormUrlEncodedContent([new("phone", "0712345678"), new("amount", "10")]),
        };
        request.Headers.Add("X-Api-Key", key);
        using var pushed = await keyed.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        var correlation = pushed.Headers.GetValues("X-Correlation-Id").Single();

        JsonElement? accepted = null;
        for (var i = 0; i < 50 && accepted is null; i++)
        {
            await Task.Delay(100);
            accepted = portal.Lines.Select(Parse).FirstOrDefault(l => l?.GetProperty("Message").GetString()?.Contains("accepted for", StringComparison.Ordinal) == true);
        }

        Assert.NotNull(accepted);
        var scopes = accepted!.Value.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("CorrelationId", out var c) && c.GetString() == correlation);
        Assert.Contains(scopes, s => s.TryGetProperty("MerchantId", out var m) && m.GetString() == user);
        Assert.All(portal.Lines, l => Assert.True(Parse(l) is not null, l));
        Assert.DoesNotContain(portal.Lines, l => l.Contains("/hooks/stk/", StringComparison.Ordinal) || l.Contains(key, StringComparison.Ordinal));
    }

    private static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
