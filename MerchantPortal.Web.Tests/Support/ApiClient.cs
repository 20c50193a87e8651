using System.Net;
using System.Text;
using System.Text.Json;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Speaks the API document literally: multipart posts to /index.php with action in the body.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public Task<ApiResponse> PostAsync(string action, params (string Name, string? Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(action), "action" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value ?? ""), name);
        }

        return SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = form });
    }

    public Task<ApiResponse> PostFormAsync(params (string Name, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        });

    public Task<ApiResponse> PostJsonAsync(string json, string query = "") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/index.php" + query)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

    public Task<ApiResponse> GetAsync(string action, params (string Name, string Value)[] fields)
    {
        var query = string.Join("&", new[] { ("action", action) }.Concat(fields)
            .Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, "/index.php?" + query));
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"Expected JSON, got {response.Content.Headers.ContentType}: {text}");
        return new ApiResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public void Dispose() => http.Dispose();
}

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, string Text)
{
    public bool Ok => Body.GetProperty("status").GetString() == "ok";

    public string? Code => Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string Message => Body.GetProperty("message").GetString() ?? "";

    public JsonElement Data => Body.GetProperty("data");

    public ApiResponse AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK && Ok, $"Expected ok, got {(int)Status}: {Text}");
        return this;
    }

    public ApiResponse AssertError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status && !Ok && Code == code, $"Expected {(int)status} {code}, got {(int)Status}: {Text}");
        Assert.False(string.IsNullOrWhiteSpace(Message));
        Assert.True(Body.TryGetProperty("correlation_id", out _), "error envelopes carry a correlation id");
        return this;
    }
}
