using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// The API document's own JavaScript and PHP examples, run by node and php against the portal with only
/// the base URL (and the placeholders the reader must fill: key, username, password) substituted.
/// One class for both providers, so the PHP example's fixed cookie file is never used by two runs at once.
/// </summary>
public sealed class DocumentExamplesTests(SqliteApp sqlite, PostgresApp postgres) : IClassFixture<SqliteApp>, IClassFixture<PostgresApp>
{
    private const string DocumentBase = "https://yourdomain.com";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheJavaScriptStkExampleRunsUnchanged(DatabaseProvider provider)
    {
        var app = AppFor(provider);
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill", "123456");
        await merchant.AddAccountAsync("till", "654321");
        var key = await merchant.GenerateKeyAsync();
        var script = Prepare(app, "stk-push.js", ".mjs").Replace("sk_your_api_key_here", key, StringComparison.Ordinal);

        var (exit, stdout, stderr) = await RunAsync("node", script, ".mjs");

        Assert.True(exit == 0, stderr);
        Assert.Contains("STK push initiated successfully", stdout);
        Assert.DoesNotContain("Error initiating STK push", stderr);
        var transaction = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0];
        Assert.Equal("#00002", transaction.GetProperty("payment_id").GetString());
        Assert.Equal(100, transaction.GetProperty("amount").GetInt64());
        Assert.Equal("254712345678", transaction.GetProperty("phone").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThePhpCreateLinkExampleRunsUnchanged(DatabaseProvider provider)
    {
        var app = AppFor(provider);
        var merchant = await TestMerchant.RegisterAsync(app);
        var script = Prepare(app, "create-link.php", ".php")
            .Replace("'your_username'", $"'{merchant.Username}'", StringComparison.Ordinal)
            .Replace("'your_password'", $"'{merchant.Password}'", StringComparison.Ordinal);

        // The example keeps its cookies in a fixed file; it is removed afterwards unless it was there before.
        const string cookieJar = "/tmp/cookies.txt";
        var jarExisted = File.Exists(cookieJar);
        var (exit, stdout, stderr) = await RunAsync("php", script, ".php");
        if (!jarExisted)
        {
            File.Delete(cookieJar);
        }

        Assert.True(exit == 0, stderr + stdout);
        var prefix = $"Payment link created: {app.BaseUri.ToString().TrimEnd('/')}/index.php?action=paylink&uid={merchant.PublicId}&lid=link_";
        Assert.StartsWith(prefix, stdout.Trim());
        var link = (await merchant.Api.GetAsync("me")).AssertOk().Body.GetProperty("user").GetProperty("links")[0];
        Assert.Equal("Product Payment", link.GetProperty("title").GetString());
        Assert.Equal(1000, link.GetProperty("amount").GetInt64());
        Assert.Equal(100, link.GetProperty("min").GetInt64());
        Assert.Equal(5000, link.GetProperty("max").GetInt64());
        Assert.Equal("https://example.com/logo.png", link.GetProperty("logo").GetString());
    }

    private PortalApp AppFor(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? sqlite : postgres;

    private static string Prepare(PortalApp app, string example, string extension)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", example));
        Assert.Contains(DocumentBase, text);
        return text.Replace(DocumentBase, app.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal);
    }

    private static async Task<(int, string, string)> RunAsync(string program, string script, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mp-example-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, script);
        try
        {
            return await ExternalProcess.RunAsync(program, path, TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
