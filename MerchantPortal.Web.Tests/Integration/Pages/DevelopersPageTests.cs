using System.Net;
using System.Text.RegularExpressions;
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
        Assert.Contains("<a href=\"/openapi/v1.json\">", page);
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
    public async Task ThePageStartsWithApiStkAndItsContentsLinkToSectionsThatExist()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Developers");

        var sections = Regex.Matches(page, "<section [^>]*id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("api_stk", sections[0]);
        Assert.Equal(["api_stk", "outcome", "webhooks", "idempotency", "callback-url", "errors"], sections.Take(6));
        var contents = Regex.Match(page, "<nav class=\"dev-toc\" aria-label=\"On this page\">(.*?)</nav>", RegexOptions.Singleline);
        Assert.True(contents.Success);
        Assert.True(page.IndexOf(contents.Value, StringComparison.Ordinal) < page.IndexOf("<section", StringComparison.Ordinal));
        foreach (Match anchor in Regex.Matches(contents.Value, "href=\"#([^\"]+)\""))
        {
            Assert.Contains(anchor.Groups[1].Value, sections);
        }
    }

    [Fact]
    public async Task TheErrorTableListsEveryCodeTheRouterCanAnswerWithItsStatus()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Developers");

        var table = Regex.Match(page, "<table class=\"list dev-errors\">(.*?)</table>", RegexOptions.Singleline).Value;
        var missing = RouterErrorCodes.Read().Keys.Where(code => !table.Contains($"<td><code>{code}</code></td>", StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
        Assert.Contains("<td><code>idempotency_key_reused</code></td><td>409</td>", table);
        Assert.Contains("<td><code>not_authenticated</code></td><td>401</td>", table);
    }

    [Fact]
    public async Task TheStkExampleCarriesTheMerchantsOwnPrimaryPaymentIdAndTheShortPayAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill");
        await merchant.AddAccountAsync("till");
        using var primary = await PageForms.PostAsync(merchant.Api.Http, "/PaymentAccounts", "handler=MakePrimary&id=2");
        var link = (await merchant.Api.PostAsync("create_link", ("title", "Chai"), ("amount", "50"))).AssertOk().Data.GetProperty("link_id").GetString()!;

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Developers"));

        var stk = Regex.Match(page, "<pre id=\"ex-api_stk-curl\"><code>(.*?)</code></pre>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("--form-string 'payment_id=#00002'", stk);
        Assert.Contains("'payment_id' => '#00002',", page);
        Assert.Contains($"{app.BaseUri.ToString().TrimEnd('/')}/pay/{link}", page);
        Assert.Contains("-H 'Idempotency-Key: order-1042'", page);
    }

    [Fact]
    public async Task NoSecretOfTheMerchantIsShown()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync("Shop");
        var hookSecret = (await merchant.Api.PostAsync("save_webhook", ("url", "https://example.com/hooks")))
            .AssertOk().Data.GetProperty("secret").GetString()!;
        var callbackSecret = await merchant.RequestCallbackSecretAsync();

        var page = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/Developers"));

        Assert.DoesNotContain(key[..12], page);
        Assert.DoesNotContain(hookSecret, page);
        Assert.DoesNotContain(callbackSecret, page);
        Assert.DoesNotContain("whsec_", page);
        Assert.Contains("X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>", page);
        Assert.Contains("HTTP_X_PORTAL_SIGNATURE", page);
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
