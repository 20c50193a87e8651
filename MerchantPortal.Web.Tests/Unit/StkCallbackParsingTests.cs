using System.Text.Json;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class StkCallbackParsingTests
{
    [Fact]
    public void ReadsASuccessByItemNameWhateverTheOrderAndTypes()
    {
        var outcome = Parse("""
            {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_1","ResultCode":0,
             "ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[
               {"Name":"PhoneNumber","Value":254712345678},{"Name":"Balance"},{"Name":"MpesaReceiptNumber","Value":"TCE4K7P2QZ"},
               {"Name":"TransactionDate","Value":20250314093041},{"Name":"Amount","Value":150.00}]}}}}
            """);

        Assert.NotNull(outcome);
        Assert.Equal("ws_CO_1", outcome.CheckoutRequestId);
        Assert.Equal("0", outcome.ResultCode);
        Assert.Equal("TCE4K7P2QZ", outcome.Receipt);
        Assert.Equal(150, outcome.Amount);
    }

    [Fact]
    public void KeepsAFractionalAmountExactSoItNeverPassesForTheWholeAmountPushed()
    {
        var outcome = Parse("""{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_3","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"Amount","Value":99.6}]}}}}""");

        Assert.Equal(99.6m, outcome!.Amount);
    }

    [Fact]
    public void ReadsAFailureWithoutMetadataAndAStringCode()
    {
        var outcome = Parse("""{"Body":{"stkCallback":{"MerchantRequestID":"1","CheckoutRequestID":"ws_CO_2","ResultCode":"1032","ResultDesc":"[STK_CB - ]Request cancelled by user"}}}""");

        Assert.NotNull(outcome);
        Assert.Equal("1032", outcome.ResultCode);
        Assert.Null(outcome.Receipt);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""{"stkCallback":{"CheckoutRequestID":"x","ResultCode":0}}""")]
    [InlineData("""{"Body":{"stkCallback":{"ResultCode":0}}}""")]
    [InlineData("""{"Body":{"stkCallback":{"CheckoutRequestID":"x"}}}""")]
    public void RefusesMalformedBodies(string json) => Assert.Null(Parse(json));

    [Theory]
    [InlineData("0", TransactionStatuses.Succeeded)]
    [InlineData("1032", TransactionStatuses.Cancelled)]
    [InlineData("1037", TransactionStatuses.Timeout)]
    [InlineData("1019", TransactionStatuses.Timeout)]
    [InlineData("2001", TransactionStatuses.Failed)]
    [InlineData("1", TransactionStatuses.Failed)]
    [InlineData("17", TransactionStatuses.Failed)]
    [InlineData("SFC_IC0003", TransactionStatuses.Failed)]
    public void ResultCodesMapToOurStates(string code, string status)
    {
        Assert.Equal(status, ResultCodes.ToStatus(code));
        Assert.False(string.IsNullOrWhiteSpace(ResultCodes.Explain(code)));
    }

    private static Web.Features.Transactions.StkOutcome? Parse(string json) =>
        StkCallbackEndpoint.Parse(JsonDocument.Parse(json).RootElement);
}
