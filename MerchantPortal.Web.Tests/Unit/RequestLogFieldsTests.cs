using System.Text.Json;
using MerchantPortal.Web.Features.RequestLogs;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class RequestLogFieldsTests
{
    [Fact]
    public void SecretsAreRemovedPhonesMaskedAndTheRestKept()
    {
        var json = RequestLogFields.ToJson(new Dictionary<string, string>
        {
            ["password"] = "hunter22", ["api_key"] = "sk_abc", ["consumer_secret"] = "s", ["passkey"] = "p", ["token"] = "t",
            ["consumer_key"] = "k", ["phone"] = "0712345678", ["idempotency_key"] = "retry-1", ["account_code"] = "TEA50", ["amount"] = "150",
        });
        var fields = JsonDocument.Parse(json).RootElement;

        foreach (var secret in new[] { "password", "api_key", "consumer_secret", "passkey", "token", "consumer_key" })
        {
            Assert.Equal(RequestLogFields.Removed, fields.GetProperty(secret).GetString());
        }

        Assert.Equal("•••••••678", fields.GetProperty("phone").GetString());
        Assert.Equal("retry-1", fields.GetProperty("idempotency_key").GetString());
        Assert.Equal("TEA50", fields.GetProperty("account_code").GetString());
        Assert.Equal("150", fields.GetProperty("amount").GetString());
        Assert.DoesNotContain("hunter22", json);
    }

    [Fact]
    public void AHugeRequestIsCutToTheCap()
    {
        var fields = Enumerable.Range(0, 100).ToDictionary(i => "field" + i, _ => new string('x', 500));

        Assert.True(RequestLogFields.ToJson(fields).Length <= RequestLogFields.MaxLength);
    }
}
