using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Pages;

public abstract class ApiKeyPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AGeneratedKeyIsShownOnceWithAWarningAndThenOnlyItsPrefix()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/ApiKeys", "handler=Generate", ("Label", "Online shop"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using var first = await merchant.Api.Http.GetAsync("/ApiKeys");
        var page = await first.Content.ReadAsStringAsync();
        var key = Regex.Match(page, "value=\"(sk_live_[0-9A-Za-z]{40})\"").Groups[1].Value;
        Assert.NotEmpty(key);
        Assert.Contains("you will not see it again", page);
        Assert.Contains("no-store", first.Headers.CacheControl!.ToString());
        using var api = app.NewApi();
        Assert.Equal(merchant.PublicId, (await api.PostAsync("me", ("api_key", key))).AssertOk().Body.GetProperty("user").GetProperty("id").GetString());

        var again = WebUtility.HtmlDecode(await merchant.Api.Http.GetStringAsync("/ApiKeys"));
        Assert.DoesNotContain(key, again);
        Assert.Contains(key[..14] + "…", again);
        Assert.Contains("Online shop", again);
    }

    [Fact]
    public async Task ATooLongLabelIsShownNextToTheFieldAndNoKeyIsMade()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/ApiKeys", "handler=Generate", ("Label", new string('x', 61)));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Matches("data-valmsg-for=\"Label\"[^>]*>The label must be at most 60 characters", await posted.Content.ReadAsStringAsync());
        Assert.Empty(await KeysAsync(merchant));
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedByTheApiAtOnce()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync("Till app");
        using var api = app.NewApi();
        (await api.GetAsync("me", ("api_key", key))).AssertOk();
        var id = (await KeysAsync(merchant)).Single().Id;

        using var posted = await PageForms.PostAsync(merchant.Api.Http, "/ApiKeys", $"handler=Revoke&id={id}");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        (await api.GetAsync("me", ("api_key", key))).AssertError(HttpStatusCode.Unauthorized, "not_authenticated");
        var page = await merchant.Api.Http.GetStringAsync("/ApiKeys");
        Assert.Contains("revoked", page);
        Assert.DoesNotContain(key[..14], page);
        Assert.NotNull((await KeysAsync(merchant)).Single().RevokedAt);
    }

    [Fact]
    public async Task AnotherMerchantsKeyCannotBeRevoked()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var key = await owner.GenerateKeyAsync("Owner's");
        var id = (await KeysAsync(owner)).Single().Id;
        var intruder = await TestMerchant.RegisterAsync(app);

        using var posted = await PageForms.PostWithTokenFromAsync(intruder.Api.Http, "/ApiKeys", $"/ApiKeys?id={id}&handler=Revoke");

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.DoesNotContain("Owner", await intruder.Api.Http.GetStringAsync("/ApiKeys"));
        using var api = app.NewApi();
        (await api.GetAsync("me", ("api_key", key))).AssertOk();
    }

    private Task<List<Data.Entities.ApiKey>> KeysAsync(TestMerchant merchant) =>
        app.WithDbAsync(db => (from k in db.ApiKeys.AsNoTracking()
                               join m in db.Users on k.MerchantId equals m.Id
                               where m.PublicId == merchant.PublicId
                               select k).ToListAsync());
}

public sealed class SqliteApiKeyPagesTests(SqliteApp app) : ApiKeyPagesTests<SqliteApp>(app);

public sealed class PostgresApiKeyPagesTests(PostgresApp app) : ApiKeyPagesTests<PostgresApp>(app);
