using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Onboarding;

public abstract partial class NavigationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Theory]
    [InlineData("/Dashboard", "/Dashboard", "Home")]
    [InlineData("/Transactions", "/Transactions", "Payments")]
    [InlineData("/PaymentLinks", "/PaymentLinks", "Links")]
    [InlineData("/PaymentLinks/Create", "/PaymentLinks", "Links")]
    [InlineData("/ApiKeys", "/ApiKeys", "API keys")]
    [InlineData("/Webhooks", "/Webhooks", "Webhooks")]
    [InlineData("/Developers", "/Developers", "Docs")]
    [InlineData("/Settings/Business", "/Settings/Business", "Business")]
    [InlineData("/PaymentAccounts/Create", "/PaymentAccounts", "Payment accounts")]
    [InlineData("/Identity/Account/Manage/ChangePassword", "/Identity/Account/Manage/TwoFactor", "Security")]
    [InlineData("/Billing", "/Billing", "Billing")]
    public async Task TheCurrentPageAndOnlyItIsMarkedInTheMenu(string path, string href, string text)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync(path);

        var marked = CurrentLinks().Matches(Header(page)).Select(m => (m.Groups["href"].Value, m.Groups["text"].Value)).ToList();
        Assert.Equal([(href, text)], marked);
    }

    [Fact]
    public async Task TheMenuGroupsDevelopersAndSettingsAndFoldsOnAPhoneWithoutScript()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var header = Header(await merchant.Api.Http.GetStringAsync("/Dashboard"));

        Assert.Contains("<input type=\"checkbox\" id=\"nav-toggle\"", header);
        Assert.Contains("<label for=\"nav-toggle\"", header);
        Assert.Matches("<summary[^>]*>Developers</summary>", header);
        Assert.Matches("<summary[^>]*>Settings</summary>", header);
        // Script (nav.js) only closes one menu when another opens; nothing in the header is inline script.
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", header);
    }

    [Fact]
    public async Task TheAccountMenuShowsTheBusinessNameEncodedWithSecurityLinksAndSignOut()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        (await merchant.Api.PostAsync("save_profile", ("business_name", "<b>Mama's</b> Shop"))).AssertOk();

        var header = Header(await merchant.Api.Http.GetStringAsync("/Transactions"));

        var menu = header[header.IndexOf("class=\"account-menu\"", StringComparison.Ordinal)..];
        Assert.Contains("&lt;b&gt;Mama&#x27;s&lt;/b&gt; Shop", menu);
        Assert.DoesNotContain("<b>Mama", menu);
        Assert.Contains("href=\"/Identity/Account/Manage/ChangePassword\"", menu);
        Assert.Contains("href=\"/Identity/Account/Manage/TwoFactor\"", menu);
        Assert.Contains("href=\"/Identity/Account/Manage/TwoFactor#sessions\"", menu);
        Assert.Contains("action=\"/Identity/Account/Logout\"", menu);
        Assert.DoesNotContain("href=\"/Admin\"", menu);
    }

    [Fact]
    public async Task TheSessionsLinkLandsOnTheSectionThatSignsOutOtherSessions()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var page = await merchant.Api.Http.GetStringAsync("/Identity/Account/Manage/TwoFactor");

        Assert.Matches("id=\"sessions\">\\s*<h2>Sessions</h2>", page);
        Assert.Contains("handler=SignOutOthers", page);
    }

    [Fact]
    public async Task AnAdministratorWhoSignsInLandsInTheAdminAreaAndReachesItFromTheMenu()
    {
        var admin = await TestAdmin.CreateAsync(app);
        using var http = app.NewClient();

        using var signedIn = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", admin.Username), ("Password", admin.Password));
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        using var home = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Admin", home.Headers.Location!.OriginalString);
        var adminPage = await http.GetStringAsync("/Admin");
        Assert.Contains("<a href=\"/Admin\" aria-current=\"page\">Admin area</a>", Header(adminPage));
        Assert.Contains("<a href=\"/Admin\" aria-current=\"page\">Figures</a>", adminPage);
        Assert.Contains("href=\"/Admin\"", Header(await http.GetStringAsync("/Dashboard")));
    }

    [Fact]
    public async Task AMerchantWhoSignsInLandsOnTheirDashboard()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var http = app.NewClient();

        using var signedIn = await FormPage.PostAsync(http, "/Identity/Account/Login", ("Login", merchant.Username), ("Password", merchant.Password));
        using var home = await http.GetAsync(signedIn.Headers.Location!.OriginalString);

        Assert.Equal("/Dashboard", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ASignedOutVisitorSeesSignInAndRegisterOnly()
    {
        using var http = app.NewClient();

        var header = Header(await http.GetStringAsync("/Identity/Account/Login"));

        Assert.Contains("<a href=\"/Identity/Account/Login\" aria-current=\"page\">Sign in</a>", header);
        Assert.DoesNotContain("nav-toggle", header);
        Assert.DoesNotContain("/Transactions", header);
    }

    private static string Header(string page)
    {
        var start = page.IndexOf("<header", StringComparison.Ordinal);
        return page[start..page.IndexOf("</header>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" aria-current=\"page\">(?<text>[^<]+)</a>")]
    private static partial Regex CurrentLinks();
}

public sealed class SqliteNavigationTests(SqliteApp app) : NavigationTests<SqliteApp>(app);

public sealed class PostgresNavigationTests(PostgresApp app) : NavigationTests<PostgresApp>(app);
