using System.Text.Json;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>A merchant made for one test: registered (and signed in) through the API.</summary>
public sealed class TestMerchant(PortalApp app, ApiClient api, string username, string password, string publicId)
{
    public PortalApp App => app;

    /// <summary>Signed in with the session cookie.</summary>
    public ApiClient Api => api;

    public string Username => username;

    public string Email => username + "@example.com";

    public string Password => password;

    public string PublicId => publicId;

    public string? ApiKey { get; private set; }

    public static async Task<TestMerchant> RegisterAsync(PortalApp app, string phone = "0712345678")
    {
        var username = "m" + Guid.NewGuid().ToString("N")[..12];
        var api = app.NewApi();
        var response = await api.PostAsync("register",
            ("username", username), ("email", username + "@example.com"), ("password", "secret1"), ("phone", phone));
        response.AssertOk();
        var id = response.Data.GetProperty("user").GetProperty("id").GetString()!;
        return new TestMerchant(app, api, username, "secret1", id);
    }

    public async Task<string> AddAccountAsync(string type = "paybill", string? number = null, string? reference = null)
    {
        number ??= Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await api.PostAsync("save_payment_account", ("type", type), ("number", number), ("accountReference", reference));
        return response.AssertOk().Data.GetProperty("payment_id").GetString()!;
    }

    public async Task<string> GenerateKeyAsync(string label = "Tests")
    {
        var response = await api.PostAsync("generate_api_key", ("label", label));
        ApiKey = response.AssertOk().Body.GetProperty("key").GetString()!;
        return ApiKey;
    }

    /// <summary>A test-mode key (<c>sk_test_…</c>): it sees only test data and pays through the built-in simulator.</summary>
    public async Task<string> GenerateTestKeyAsync(string label = "Tests (test mode)")
    {
        var response = await api.PostAsync("generate_api_key", ("label", label), ("mode", "test"));
        return response.AssertOk().Body.GetProperty("key").GetString()!;
    }

    /// <summary>The request callback signing secret, as the Webhooks page shows it (made on first view).</summary>
    public async Task<string> RequestCallbackSecretAsync()
    {
        var page = await api.Http.GetStringAsync("/Webhooks");
        var match = System.Text.RegularExpressions.Regex.Match(page, "id=\"callback-secret\" readonly value=\"(whsec_[^\"]+)\"");
        Assert.True(match.Success, "The Webhooks page shows no request callback secret.");
        return match.Groups[1].Value;
    }

    /// <summary>
    /// Polls the transaction action until it leaves pending (or the time is up): signed in (live data), or with
    /// <paramref name="apiKey"/> (its mode's data).
    /// </summary>
    public async Task<JsonElement> WaitForFinalAsync(string transactionId, int seconds = 15, string? apiKey = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var response = apiKey is null
                ? await api.GetAsync("transaction", ("transaction_id", transactionId))
                : await app.NewApi().GetAsync("transaction", ("transaction_id", transactionId), ("api_key", apiKey));
            var transaction = response.AssertOk().Data.GetProperty("transaction");
            if (transaction.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return transaction;
            }

            await Task.Delay(100);
        }
    }
}

public static class TestPhones
{
    /// <summary>A random Safaricom-style number that is not one of the simulator's scripted outcomes.</summary>
    public static string Random() => "07" + System.Random.Shared.Next(20_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
