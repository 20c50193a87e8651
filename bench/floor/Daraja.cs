using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Floor;

public sealed record PushAccepted(string MerchantRequestId, string CheckoutRequestId, string CustomerMessage);

/// <summary>STK push over one pooled HttpClient, with the OAuth token fetched once and reused until shortly before it expires.</summary>
public sealed class Daraja(Uri baseUri, string consumerKey, string consumerSecret, string passkey)
{
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(45),
    };

    private readonly SemaphoreSlim refresh = new(1, 1);
    private (string Value, DateTimeOffset Until) token;

    /// <summary>The accepted push, or null when Daraja refused it or did not answer.</summary>
    public async Task<PushAccepted?> PushAsync(bool till, string shortCode, string number, long amount, string phone, string callbackUrl, string reference)
    {
        var timestamp = DateTimeOffset.UtcNow.ToOffset(Eat).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["BusinessShortCode"] = shortCode,
            ["Password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(shortCode + passkey + timestamp)),
            ["Timestamp"] = timestamp,
            ["TransactionType"] = till ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
            ["Amount"] = amount,
            ["PartyA"] = phone,
            ["PartyB"] = till ? number : shortCode,
            ["PhoneNumber"] = phone,
            ["CallBackURL"] = callbackUrl,
            ["AccountReference"] = reference,
            ["TransactionDesc"] = "Payment",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "mpesa/stkpush/v1/processrequest")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            var root = answer.RootElement;
            return new PushAccepted(root.GetProperty("MerchantRequestID").GetString()!, root.GetProperty("CheckoutRequestID").GetString()!,
                root.GetProperty("CustomerMessage").GetString()!);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<string> TokenAsync()
    {
        if (token.Until > DateTimeOffset.UtcNow)
        {
            return token.Value;
        }

        await refresh.WaitAsync();
        try
        {
            if (token.Until <= DateTimeOffset.UtcNow)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "oauth/v1/generate?grant_type=client_credentials");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(consumerKey + ":" + consumerSecret)));
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                var seconds = int.Parse(answer.GetProperty("expires_in").GetString()!, CultureInfo.InvariantCulture);
                token = (answer.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(seconds - 60));
            }

            return token.Value;
        }
        finally
        {
            refresh.Release();
        }
    }
}

/// <summary>07XXXXXXXX, 01XXXXXXXX, 2547…/2541… or +254… to 254XXXXXXXXX, as the portal stores it.</summary>
public static class Phone
{
    public static bool TryNormalize(string input, out string msisdn)
    {
        var digits = input.Trim().TrimStart('+');
        msisdn = digits.Length == 10 && digits[0] == '0' ? "254" + digits[1..] : digits;
        return msisdn.Length == 12 && msisdn.StartsWith("254", StringComparison.Ordinal) && msisdn[3] is '7' or '1' && msisdn.All(char.IsAsciiDigit);
    }
}

public static class Ids
{
    public const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}
