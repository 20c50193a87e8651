using System.Net;
using System.Text.Json;
using MerchantPortal.Web.Tests.Integration.Mpesa;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.C2B;

/// <summary>
/// Each account registers its C2B URLs with Daraja when saved, when its credentials change and on demand; the account
/// page shows Daraja's answer. Against a fake Daraja in Sandbox mode, whose own app is bound to the portal's shortcode.
/// </summary>
public abstract class C2BRegistrationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : SandboxDarajaApp
{
    [Fact]
    public async Task SavingAnAccountRegistersItsConfirmationUrlAndThePageShowsTheAnswer()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);

        var token = await MenuPayments.TokenAsync(app, merchant.PublicId, "#00001");
        var sent = Assert.Single(RegistrationsFor(token));
        Assert.Equal(SandboxDarajaApp.PortalShortCode, sent.GetProperty("ShortCode").GetString());
        Assert.Equal("Completed", sent.GetProperty("ResponseType").GetString());
        Assert.Equal($"http://portal.test/hooks/c2b/{token}/confirmation", sent.GetProperty("ConfirmationURL").GetString());
        Assert.False(sent.TryGetProperty("ValidationURL", out _));
        Assert.Matches("^[0-9a-f]{40}$", token);
        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Edit/1"));
        Assert.Contains("data-registration=\"ok\"", page);
        Assert.Contains("Registered with M-Pesa", page);
        Assert.Contains("<q>Success</q>", page);
    }

    [Fact]
    public async Task AnAccountDarajaCannotServeIsSavedAndThePageSaysWhyItIsNotRegistered()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var saved = await merchant.Api.PostAsync("save_payment_account", ("type", "paybill"), ("number", "600222"));

        saved.AssertOk();
        var token = await MenuPayments.TokenAsync(app, merchant.PublicId, "#00001");
        Assert.Empty(RegistrationsFor(token));
        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/PaymentAccounts/Edit/1"));
        Assert.Contains("data-registration=\"failed\"", page);
        Assert.Contains("Not registered: Add this account's own Daraja app", page);
    }

    [Fact]
    public async Task RegisterAgainAndTheActionRegisterOnDemandAndValidationAddsItsUrl()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);
        var token = await MenuPayments.TokenAsync(app, merchant.PublicId, "#00001");

        (await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts/Edit/1", "handler=Register")).Dispose();
        var answer = (await merchant.Api.PostAsync("register_c2b_urls", ("payment_id", "#00001"))).AssertOk();
        (await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts/Edit/1", "handler=MenuSettings", ("validation", "true"), ("responseType", "Cancelled"))).Dispose();

        var sent = RegistrationsFor(token);
        Assert.Equal(4, sent.Count);
        var registration = answer.Data.GetProperty("registration");
        Assert.True(registration.GetProperty("ok").GetBoolean());
        Assert.Equal("Success", registration.GetProperty("answer").GetString());
        Assert.Equal("#00001", registration.GetProperty("payment_id").GetString());
        Assert.Equal($"http://portal.test/hooks/c2b/{token}/validation", sent[^1].GetProperty("ValidationURL").GetString());
        Assert.Equal("Cancelled", sent[^1].GetProperty("ResponseType").GetString());
        Assert.Equal(token, await MenuPayments.TokenAsync(app, merchant.PublicId, "#00001"));
    }

    [Fact]
    public async Task NewDarajaCredentialsRegisterTheUrlsAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "600333");
        var token = await MenuPayments.TokenAsync(app, merchant.PublicId, "#00001");

        (await PageForms.PostOwnFormAsync(merchant.Api.Http, "/PaymentAccounts/Credentials/1",
            ("Input.ConsumerKey", SandboxDarajaApp.ShopKey), ("Input.ConsumerSecret", SandboxDarajaApp.ShopSecret),
            ("Input.Passkey", SandboxDarajaApp.ShopPasskey))).Dispose();

        var sent = Assert.Single(RegistrationsFor(token));
        Assert.Equal("600333", sent.GetProperty("ShortCode").GetString());
    }

    [Fact]
    public async Task SimulatingAMenuPaymentIsRefusedOutsideTheSimulator()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", SandboxDarajaApp.PortalShortCode);

        var refused = await merchant.Api.PostAsync("simulate_c2b", ("phone", "0712345678"), ("amount", "10"));

        refused.AssertError(HttpStatusCode.Conflict, "not_simulated");
        Assert.DoesNotContain("Simulate a payment from the M-Pesa menu", await merchant.Api.Http.GetStringAsync("/Dashboard"));
    }

    private List<JsonElement> RegistrationsFor(string token) =>
        [.. app.Daraja.C2BRegistrations.Where(r => r.GetProperty("ConfirmationURL").GetString()!.Contains(token, StringComparison.Ordinal))];
}

public sealed class SqliteC2BRegistrationTests(SqliteSandboxDarajaApp app) : C2BRegistrationTests<SqliteSandboxDarajaApp>(app);

public sealed class PostgresC2BRegistrationTests(PostgresSandboxDarajaApp app) : C2BRegistrationTests<PostgresSandboxDarajaApp>(app);
