using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class DevelopersPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ExamplesUseThisPortalAndTheMerchantsPaymentIdsButNeverTheirKey()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill");
        await merchant.AddAccountAsync("till");
        var key = await merchant.GenerateKeyAsync("Shop");

        using var response = await merchant.Api.Http.GetAsync("/Developers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"curl -sS '{app.BaseUri.ToString().TrimEnd('/')}/index.php'", page);
        Assert.Contains("--form-string 'payment_id=#00001'", page);
        Assert.Contains("#00002", page);
        Assert.Contains(merchant.PublicId, page);
        Assert.Contains("sk_your_api_key_here", page);
        Assert.DoesNotContain(key, page);
        Assert.DoesNotContain(key[..10], page);
        foreach (var action in new[] { "login", "register", "me", "save_payment_account", "create_link", "pay_from_link",
            "generate_api_key", "api_stk", "transaction", "transactions", "logout" })
        {
            Assert.Contains($"formData.append('action', '{action}');", page);
        }

        foreach (var phone in MerchantPortal.Web.Mpesa.Simulator.SimulatorPhones.All)
        {
            Assert.Contains($"<code>{phone.Phone}</code>", page);
        }

        Assert.Contains("Poll <code>transaction</code>", page);
        Assert.Contains("js/copy.js", page);
    }

    [Fact]
    public async Task AMerchantWithoutAccountsSeesThePlaceholderPaymentIdAndTheNextStep()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Developers"));

        Assert.Contains("'payment_id' => '#00001',", page);
        Assert.Contains("add a payment account", page);
    }

    [Fact]
    public async Task AnotherMerchantsIdsNeverAppear()
    {
        var other = await TestMerchant.RegisterAsync(app);
        await other.AddAccountAsync();
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Developers");

        Assert.DoesNotContain(other.PublicId, page);
        Assert.DoesNotContain(other.Username, page);
    }

    [Fact]
    public async Task ThePageNeedsASignIn()
    {
        using var http = app.NewClient();

        using var response = await http.GetAsync("/Developers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString());
    }
}

public sealed class SqliteDevelopersPageTests(SqliteApp app) : DevelopersPageTests<SqliteApp>(app);

public sealed class PostgresDevelopersPageTests(PostgresApp app) : DevelopersPageTests<PostgresApp>(app);
