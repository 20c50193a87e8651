using System.Net;
using MerchantPortal.Web.Tests.Integration.Mpesa;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Onboarding;

/// <summary>Against a real Daraja a test payment moves real money: the checklist asks the merchant to pay their own link.</summary>
public abstract class OnboardingOutsideSimulatorTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SandboxDarajaApp
{
    [Fact]
    public async Task TheTestPaymentStepSaysToPayYourOwnLinkWithYourPhoneAndOffersNoButton()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();

        var page = await merchant.Api.Http.GetStringAsync("/Dashboard");

        Assert.Contains("on your phone and pay it", page);
        Assert.DoesNotContain("handler=TestPayment", page);
    }

    [Fact]
    public async Task APostedTestPaymentIsRefusedAndPushesNothing()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);
        (await merchant.Api.PostAsync("create_link", ("title", "Mandazi"), ("amount", "150"))).AssertOk();

        using var posted = await PageForms.PostWithTokenFromAsync(merchant.Api.Http, "/Dashboard", "/Dashboard?handler=TestPayment");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("pay your own link with your phone", WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Dashboard")));
        var listed = (await merchant.Api.GetAsync("transactions")).AssertOk();
        Assert.Equal(0, listed.Data.GetProperty("transactions").GetArrayLength());
    }
}

public sealed class SqliteOnboardingOutsideSimulatorTests(SqliteSandboxDarajaApp app) : OnboardingOutsideSimulatorTests<SqliteSandboxDarajaApp>(app);

public sealed class PostgresOnboardingOutsideSimulatorTests(PostgresSandboxDarajaApp app) : OnboardingOutsideSimulatorTests<PostgresSandboxDarajaApp>(app);
