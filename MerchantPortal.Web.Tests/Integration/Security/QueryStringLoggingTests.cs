using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>An API key sent in the query string (still accepted) leaves no trace in the logs, at any level.</summary>
public abstract class QueryStringLoggingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : LoggingApp
{
    [Fact]
    public async Task AKeyInTheQueryStringIsNeverLogged()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var key = await merchant.GenerateKeyAsync();
        var unknown = "sk_" + Guid.NewGuid().ToString("N");
        using var script = app.NewClient();

        using var me = await script.GetAsync($"/index.php?action=me&api_key={key}");
        using var refused = await script.GetAsync($"/index.php?action=me&api_key={unknown}");
        using var posted = await script.PostAsync($"/index.php?api_key={key}",
            new FormUrlEncodedContent([new("action", "transactions")]));
        using var page = await script.GetAsync($"/Developers?api_key={key}");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var logs = app.Logs.Entries;
        Assert.Contains(logs, e => e.Contains("/index.php", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, e => e.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, e => e.Contains(unknown, StringComparison.Ordinal));
    }
}

public sealed class SqliteQueryStringLoggingTests(SqliteLoggingApp app) : QueryStringLoggingTests<SqliteLoggingApp>(app);

public sealed class PostgresQueryStringLoggingTests(PostgresLoggingApp app) : QueryStringLoggingTests<PostgresLoggingApp>(app);
