using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MerchantPortal.Web.Tests.Unit;

public sealed class ManagePagesHelpersTests
{
    [Fact]
    public void QrCodesMakeAPngAndAnSvgOfTheUrl()
    {
        var png = QrCodes.Png("https://pay.example.co.ke/pay/link_abc");
        var svg = QrCodes.Svg("https://pay.example.co.ke/pay/link_abc");

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.StartsWith("data:image/png;base64,", QrCodes.PngDataUri("x"));
    }

    [Fact]
    public void NairobiTimeIsThreeHoursAheadOfUtc()
    {
        var utc = new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal("28 Nov 2026, 01:30", Nairobi.Format(utc));
        Assert.Equal(TimeSpan.FromHours(3), Nairobi.ToLocal(utc).Offset);
    }

    [Fact]
    public void AServiceErrorLandsNextToItsFieldOrInTheSummary()
    {
        var modelState = new ModelStateDictionary();
        var error = new ServiceError(ErrorKind.Invalid, "invalid_number", "bad", new Dictionary<string, string>
        {
            ["accountReference"] = "too long",
            ["payment_id"] = "bad id",
            ["elsewhere"] = "other",
        });

        modelState.AddServiceError(error, "Input", "Number", "AccountReference", "PaymentId");

        Assert.Equal("too long", modelState["Input.AccountReference"]!.Errors.Single().ErrorMessage);
        Assert.Equal("bad id", modelState["Input.PaymentId"]!.Errors.Single().ErrorMessage);
        Assert.Equal("other", modelState[""]!.Errors.Single().ErrorMessage);
    }

    [Fact]
    public void AnErrorWithoutFieldsGoesToTheSummary()
    {
        var modelState = new ModelStateDictionary();

        modelState.AddServiceError(ServiceError.Conflict("payment_account_exists", "Another account uses it."), "Input", "Number");

        Assert.Equal("Another account uses it.", modelState[""]!.Errors.Single().ErrorMessage);
    }
}
