using System.Net;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MerchantPortal.Web.Tests.Integration.C2B.MenuPayments;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>Daraja's validation: off by default; when on, a paybill payment must name an open link code or the account's reference.</summary>
public abstract class C2BValidationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private const string Accepted = """{"ResultCode":"0","ResultDesc":"Accepted"}""";

    [Fact]
    public async Task WithValidationOffEveryPaymentIsAccepted()
    {
        var (_, token, _) = await AccountAsync(validation: false);

        var answer = await ValidateAsync(app, token, Body(NewReceipt(), billRef: "ANYTHING"));

        Assert.Equal((HttpStatusCode.OK, Accepted), answer);
    }

    [Fact]
    public async Task AnOpenLinksCodeOrTheAccountsReferenceIsAccepted()
    {
        var (merchant, token, _) = await AccountAsync(validation: true, reference: "Shop-1");
        var code = await LinkCodeAsync(merchant, ("amount", "50"));

        Assert.Equal((HttpStatusCode.OK, Accepted), await ValidateAsync(app, token, Body(NewReceipt(), "50.00", billRef: code.ToLowerInvariant())));
        Assert.Equal((HttpStatusCode.OK, Accepted), await ValidateAsync(app, token, Body(NewReceipt(), "77.00", billRef: " shop-1 ")));
    }

    [Fact]
    public async Task AnAccountNumberMatchingNothingIsRefusedWithC2B00012()
    {
        var (merchant, token, _) = await AccountAsync(validation: true, reference: "Shop-1");
        await LinkCodeAsync(merchant, ("amount", "50"));

        var unknown = await ValidateAsync(app, token, Body(NewReceipt(), "50.00", billRef: "NOPE99"));
        var blank = await ValidateAsync(app, token, Body(NewReceipt(), "50.00", billRef: ""));

        Assert.Equal((HttpStatusCode.OK, """{"ResultCode":"C2B00012","ResultDesc":"Rejected"}"""), unknown);
        Assert.Equal((HttpStatusCode.OK, """{"ResultCode":"C2B00012","ResultDesc":"Rejected"}"""), blank);
    }

    [Fact]
    public async Task AnAmountTheMatchedLinkDoesNotAllowIsRefusedWithC2B00013()
    {
        var (merchant, token, _) = await AccountAsync(validation: true);
        var fixedCode = await LinkCodeAsync(merchant, ("amount", "50"));
        var rangeCode = await LinkCodeAsync(merchant, ("min", "100"), ("max", "500"));
        const string refused = """{"ResultCode":"C2B00013","ResultDesc":"Rejected"}""";

        Assert.Equal((HttpStatusCode.OK, refused), await ValidateAsync(app, token, Body(NewReceipt(), "51.00", billRef: fixedCode)));
        Assert.Equal((HttpStatusCode.OK, refused), await ValidateAsync(app, token, Body(NewReceipt(), "99.00", billRef: rangeCode)));
        Assert.Equal((HttpStatusCode.OK, refused), await ValidateAsync(app, token, Body(NewReceipt(), "501.00", billRef: rangeCode)));
        Assert.Equal((HttpStatusCode.OK, Accepted), await ValidateAsync(app, token, Body(NewReceipt(), "500.00", billRef: rangeCode)));
    }

    [Fact]
    public async Task ATillPaymentIsAcceptedWithoutAnAccountNumber()
    {
        var (_, token, _) = await AccountAsync(validation: true, type: "till");

        var answer = await ValidateAsync(app, token, Body(NewReceipt(), billRef: "", type: "Buy Goods"));

        Assert.Equal((HttpStatusCode.OK, Accepted), answer);
    }

    [Fact]
    public async Task TheAccountPageSwitchesValidationOnAndOff()
    {
        var (merchant, token, paymentId) = await AccountAsync(validation: false);
        var page = "/PaymentAccounts/Edit/" + paymentId.TrimStart('#', '0');

        (await PageForms.PostAsync(merchant.Api.Http, page, "handler=MenuSettings", ("validation", "true"), ("responseType", "cancelled"))).Dispose();

        Assert.Equal("""{"ResultCode":"C2B00012","ResultDesc":"Rejected"}""", (await ValidateAsync(app, token, Body(NewReceipt(), billRef: "NOPE"))).Body);
        var saved = await app.WithDbAsync(db => db.PaymentAccounts.AsNoTracking().SingleAsync(a => a.C2BToken == token));
        Assert.Equal("Cancelled", saved.C2BResponseType);

        (await PageForms.PostAsync(merchant.Api.Http, page, "handler=MenuSettings", ("responseType", "Completed"))).Dispose();

        Assert.Equal(Accepted, (await ValidateAsync(app, token, Body(NewReceipt(), billRef: "NOPE"))).Body);
    }

    private async Task<(TestMerchant Merchant, string Token, string PaymentId)> AccountAsync(bool validation, string? reference = null, string type = "paybill")
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var paymentId = await merchant.AddAccountAsync(type, reference: reference);
        var token = await TokenAsync(app, merchant.PublicId, paymentId);
        await app.WithDbAsync(db => db.PaymentAccounts.Where(a => a.C2BToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.C2BValidation, validation)));
        return (merchant, token, paymentId);
    }

    private async Task<string> LinkCodeAsync(TestMerchant merchant, params (string, string?)[] amounts)
    {
        var link = (await merchant.Api.PostAsync("create_link", [("title", "Tea"), .. amounts])).AssertOk().Data.GetProperty("link_id").GetString()!;
        return await app.WithDbAsync(db => db.PaymentLinks.Where(l => l.PublicId == link).Select(l => l.AccountCode).SingleAsync());
    }
}

public sealed class SqliteC2BValidationTests(SqliteApp app) : C2BValidationTests<SqliteApp>(app);

public sealed class PostgresC2BValidationTests(PostgresApp app) : C2BValidationTests<PostgresApp>(app);
