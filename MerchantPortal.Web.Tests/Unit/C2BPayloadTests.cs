using System.Text.Json;
using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The C2B validation/confirmation parser, Daraja's time formats and the C2B callback paths.</summary>
public sealed class C2BPayloadTests
{
    private const string Masked = """
        { "TransactionType": "Pay Bill", "TransID": "RKL51ZDR4F", "TransTime": "20231121121325", "TransAmount": "5.00",
          "BusinessShortCode": "600966", "BillRefNumber": " Sample Transaction ", "InvoiceNumber": "", "OrgAccountBalance": "25.00",
          "ThirdPartyTransID": "", "MSISDN": "2547 ***** 126", "FirstName": "NICHOLAS", "MiddleName": "", "LastName": "" }
        """;

    [Fact]
    public void AMaskedConfirmationIsReadWithItsNairobiTimeAndNoPhone()
    {
        Assert.True(C2BPayload.TryParse(Parse(Masked), out var payload));

        Assert.Equal(("RKL51ZDR4F", 5m, 5L, "600966", "Sample Transaction"),
            (payload!.TransId, payload.Amount, payload.WholeShillings, payload.BusinessShortCode, payload.BillRefNumber));
        Assert.Equal(new DateTimeOffset(2023, 11, 21, 9, 13, 25, TimeSpan.Zero), payload.TransTime);
        Assert.Equal(TimeSpan.FromHours(3), payload.TransTime.Offset);
        Assert.Equal(("2547 ***** 126", (string?)null, "NICHOLAS"), (payload.Msisdn, payload.Phone, payload.PayerName));
    }

    [Fact]
    public void AHashedMsisdnIsKeptAsGivenAndIsNotAPhone()
    {
        var hash = new string('a', 32) + new string('9', 32);

        Assert.True(C2BPayload.TryParse(Parse(Masked.Replace("2547 ***** 126", hash, StringComparison.Ordinal)), out var payload));

        Assert.Equal((hash, (string?)null), (payload!.Msisdn, payload.Phone));
    }

    [Fact]
    public void AWholePhoneNumberAndValuesSentAsNumbersAreRead()
    {
        var json = """{ "TransID": "LGR219G3EY", "TransTime": 20170727104247, "TransAmount": 10, "BusinessShortCode": 600134, "MSISDN": 254708374149, "FirstName": "John", "MiddleName": "Doe" }""";

        Assert.True(C2BPayload.TryParse(Parse(json), out var payload));

        Assert.Equal(("254708374149", "254708374149", 10m, "600134"), (payload!.Msisdn, payload.Phone, payload.Amount, payload.BusinessShortCode));
        Assert.Equal(("John Doe", "", ""), (payload.PayerName, payload.BillRefNumber, payload.TransactionType));
    }

    [Theory]
    [InlineData("TransID")]
    [InlineData("TransTime")]
    [InlineData("TransAmount")]
    [InlineData("BusinessShortCode")]
    public void APayloadWithoutWhatAPaymentNeedsIsRefused(string missing)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(Masked)!;
        fields.Remove(missing);

        Assert.False(C2BPayload.TryParse(Parse(JsonSerializer.Serialize(fields)), out var payload));
        Assert.Null(payload);
    }

    [Theory]
    [InlineData("TransTime", "2023-11-21 12:13:25")]
    [InlineData("TransTime", "20231321121325")]
    [InlineData("TransAmount", "0.00")]
    [InlineData("TransAmount", "five")]
    public void ABadTimeOrAmountIsRefused(string field, string value)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(Masked)!;
        fields[field] = value;

        Assert.False(C2BPayload.TryParse(Parse(JsonSerializer.Serialize(fields)), out _));
    }

    [Fact]
    public void AnAmountWithCentsHasNoWholeShillings()
    {
        Assert.True(C2BPayload.TryParse(Parse(Masked.Replace("\"5.00\"", "\"233.80\"", StringComparison.Ordinal)), out var payload));

        Assert.Equal((233.8m, (long?)null), (payload!.Amount, payload.WholeShillings));
    }

    [Fact]
    public void PullDatesKeepAWrittenZoneAndAreNairobiTimeWithoutOne()
    {
        Assert.True(DarajaTimes.TryParseFlexible("2020-08-05T10:13:00Z", out var utc));
        Assert.True(DarajaTimes.TryParseFlexible("2020-08-05 10:13:00", out var local));

        Assert.Equal(new DateTimeOffset(2020, 8, 5, 10, 13, 0, TimeSpan.Zero), utc);
        Assert.Equal(new DateTimeOffset(2020, 8, 5, 7, 13, 0, TimeSpan.Zero), local);
        Assert.Equal("2020-08-05 13:13:00", DarajaTimes.PullDate(utc));
    }

    [Fact]
    public void TheC2BPathsTakeATokenAndTokensDarajaWouldRefuseAreNotUsable()
    {
        Assert.Equal("/hooks/c2b/Ab_9-z/confirmation", C2BCallbackPaths.ConfirmationFor("Ab_9-z"));
        Assert.True(C2BCallbackPaths.IsC2BPath(C2BCallbackPaths.ValidationFor("Ab_9-z"), out var validation) && validation);
        Assert.False(C2BCallbackPaths.IsC2BPath("/hooks/c2b/Ab_9-z/confirmation/more", out _));
        Assert.Throws<ArgumentException>(() => C2BCallbackPaths.ConfirmationFor("a/b"));
        Assert.True(C2BCallbackPaths.IsUsableToken("k2Jd0_x"));
        Assert.All(new[] { "abEXEc", "xxSqLx", "cmd1", "MPesa", "queryA" }, t => Assert.False(C2BCallbackPaths.IsUsableToken(t)));
    }

    [Fact]
    public void AC2BTokenIsRedactedFromAKeptExchange()
    {
        var kept = CallbackTokenRedaction.Redact("""{"ConfirmationURL":"https:\/\/portal.example\/hooks\/c2b\/s3cr3t-token\/confirmation"}""");

        Assert.DoesNotContain("s3cr3t", kept);
        Assert.Contains("c2b\\/" + CallbackTokenRedaction.Placeholder + "\\/confirmation", kept);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
