using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// <c>POST /api/{action}</c> behaves as <c>/index.php?action=</c> does (issue 14): the same envelope, authentication,
/// errors and effects, the path naming the action whatever the body says.
/// </summary>
public abstract class ActionPathTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task ApiStkByKeyThroughItsOwnPathStartsAPaymentTheDocumentsPathThenFinds()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var key = await merchant.GenerateKeyAsync();
        using var api = app.NewApi();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/api_stk")
        {
            Content = new StringContent("""{"phone":"0712345678","amount":10,"reference":"INV-1"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var started = (await api.SendAsync(request)).AssertOk();
        var id = started.Data.GetProperty("transaction_id").GetString()!;

        var found = await merchant.WaitForFinalAsync(id);
        Assert.Equal("succeeded", found.GetProperty("status").GetString());
        Assert.Equal(10, found.GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task ThePathNamesTheActionOverTheBodysActionField()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        using var api = app.NewApi();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me")
        {
            Content = new FormUrlEncodedContent([new("action", "generate_api_key"), new("api_key", key), new("name", "register")]),
        };
        var me = (await api.SendAsync(request)).AssertOk();

        Assert.Equal(merchant.PublicId, me.Data.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnUnknownActionAWrongMethodAndNoCredentialsAnswerInTheEnvelope()
    {
        using var api = app.NewApi();

        var unknown = await api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/no_such_action"));
        var get = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/api_stk"));
        var anonymous = await api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/me"));
        var deeper = await api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/me/extra"));

        Assert.Equal((HttpStatusCode.NotFound, "unknown_action"), (unknown.Status, unknown.Code));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method_not_allowed"), (get.Status, get.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "not_authenticated"), (anonymous.Status, anonymous.Code));
        Assert.Equal(HttpStatusCode.NotFound, deeper.Status);
        Assert.Equal("error", deeper.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AKeyThatIsNoKeyIsRefusedOnThePathAsOnTheDocumentsEntry()
    {
        using var api = app.NewApi();

        using var onPath = new HttpRequestMessage(HttpMethod.Post, "/api/me");
        onPath.Headers.Add("X-Api-Key", "sk_" + new string('x', 40));
        using var onEntry = new HttpRequestMessage(HttpMethod.Post, "/index.php?action=me");
        onEntry.Headers.Add("X-Api-Key", "sk_" + new string('x', 40));
        var path = await api.SendAsync(onPath);
        var entry = await api.SendAsync(onEntry);

        Assert.Equal(HttpStatusCode.Unauthorized, path.Status);
        Assert.Equal((entry.Status, entry.Code), (path.Status, path.Code));
    }
}

public sealed class SqliteActionPathTests(SqliteApp app) : ActionPathTests<SqliteApp>(app);

public sealed class PostgresActionPathTests(PostgresApp app) : ActionPathTests<PostgresApp>(app);
