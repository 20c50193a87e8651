using System.Net;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>
/// The Fetch Metadata policy: a browser that says a request comes from another site cannot make a signed-in
/// merchant change anything, nor sign in or out; scripts (no such headers) and API-key calls are not affected.
/// </summary>
public abstract class CrossSiteRequestTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly (string Name, string Value)[] CrossSiteHeaders =
    [
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
        ("Origin", "http://evil.example"),
        ("Origin", "null"),
    ];

    public static TheoryData<string> ChangingActions() =>
        [.. Actions.Table.Where(a => !a.Value.AllowGet && (a.Value.RequiresMerchant || a.Value.ChangesSession)).Select(a => a.Key)];

    [Theory]
    [MemberData(nameof(ChangingActions))]
    public async Task EveryActionThatChangesSomethingIsRefusedToAnotherSiteWithTheMerchantsCookie(string action)
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        foreach (var header in CrossSiteHeaders)
        {
            var answer = await SendAsync(merchant.Api, action, [header], ("label", "forged"), ("url", "https://evil.example/hook"),
                ("phone", "0712345678"), ("amount", "10"), ("user", merchant.Username), ("password", merchant.Password));

            answer.AssertError(HttpStatusCode.Forbidden, CrossSiteRequests.Code);
        }

        Assert.Equal(0, await KeysOfAsync(merchant));
        (await merchant.Api.PostAsync("me")).AssertOk();
    }

    [Fact]
    public async Task AForcedSignInFromAnotherSiteSetsNoCookie()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var victim = app.NewClient();
        using var request = Request("login", [("Sec-Fetch-Site", "cross-site"), ("Origin", "http://evil.example")],
            ("user", merchant.Username), ("password", merchant.Password));

        using var answer = await victim.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie"));
        (await new ApiClient(victim).PostAsync("me")).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
    }

    [Fact]
    public async Task ThePortalsOwnPagesScriptsWithACookieJarAndTypedInRequestsKeepWorking()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var own = app.BaseUri.GetLeftPart(UriPartial.Authority);

        (await SendAsync(merchant.Api, "generate_api_key", [("Sec-Fetch-Site", "same-origin"), ("Origin", own)], ("label", "page"))).AssertOk();
        (await SendAsync(merchant.Api, "generate_api_key", [("Sec-Fetch-Site", "none")], ("label", "typed"))).AssertOk();
        (await SendAsync(merchant.Api, "generate_api_key", [("Origin", own)], ("label", "plain http"))).AssertOk();
        (await merchant.Api.PostAsync("generate_api_key", ("label", "script"))).AssertOk();
        (await merchant.Api.PostAsync("logout")).AssertOk();
        (await merchant.Api.PostAsync("login", ("user", merchant.Username), ("password", merchant.Password))).AssertOk();

        Assert.Equal(4, await KeysOfAsync(merchant));
    }

    [Fact]
    public async Task AnApiKeyCallIsNotCheckedWhereverItComesFrom()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        using var browser = app.NewApi();

        var pushed = await SendAsync(browser, "api_stk", [("Sec-Fetch-Site", "cross-site"), ("Origin", "http://shop.example")],
            ("api_key", key), ("phone", TestPhones.Random()), ("amount", "10"));
        var linked = await SendAsync(browser, "create_link", [("Sec-Fetch-Site", "cross-site"), ("Authorization", "Bearer " + key)],
            ("title", "Tea"), ("amount", "20"));

        pushed.AssertOk();
        linked.AssertOk();
    }

    [Fact]
    public async Task ReadingActionsAndThePublicPayActionAreNotCheckedSinceTheyChangeNothingOfTheMerchants()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        (await SendAsync(merchant.Api, "me", [("Sec-Fetch-Site", "cross-site")])).AssertOk();
        var paid = await SendAsync(app.NewApi(), "pay_from_link", [("Sec-Fetch-Site", "cross-site")], ("uid", merchant.PublicId), ("lid", "link_none"),
            ("phone", TestPhones.Random()), ("amount", "10"));

        Assert.NotEqual(CrossSiteRequests.Code, paid.Code);
    }

    private Task<int> KeysOfAsync(TestMerchant merchant) => app.WithDbAsync(db =>
        db.ApiKeys.CountAsync(k => db.Users.Any(u => u.Id == k.MerchantId && u.PublicId == merchant.PublicId)));

    private static Task<ApiResponse> SendAsync(ApiClient api, string action, (string Name, string Value)[] headers,
        params (string Name, string Value)[] fields) => api.SendAsync(Request(action, headers, fields));

    private static HttpRequestMessage Request(string action, (string Name, string Value)[] headers, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(action), "action" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/index.php") { Content = form };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

public sealed class SqliteCrossSiteRequestTests(SqliteApp app) : CrossSiteRequestTests<SqliteApp>(app);

public sealed class PostgresCrossSiteRequestTests(PostgresApp app) : CrossSiteRequestTests<PostgresApp>(app);
