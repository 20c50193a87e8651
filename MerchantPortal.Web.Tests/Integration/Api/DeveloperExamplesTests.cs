using System.Net;
using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// The Developers page's api_stk examples, copied from the page as a merchant would, run by sh (curl), node
/// and php with only the key placeholder filled in. The examples do not depend on the database provider.
/// </summary>
public sealed class DeveloperExamplesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("curl", "sh", ".sh", "\"status\":\"ok\"")]
    [InlineData("javascript", "node", ".mjs", "\"status\":\"ok\"")]
    [InlineData("php", "php", ".php", "OK")]
    public async Task TheCopiedStkExampleRunsWithOnlyTheKeyFilledIn(string language, string program, string extension, string expected)
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync("paybill");
        await merchant.AddAccountAsync("till");
        var key = await merchant.GenerateKeyAsync();
        var page = await merchant.Api.Http.GetStringAsync("/Developers");
        var code = Regex.Match(page, $"<pre id=\"ex-api_stk-{language}\"><code>(.*?)</code></pre>", RegexOptions.Singleline);
        Assert.True(code.Success, "no api_stk example for " + language);
        var script = WebUtility.HtmlDecode(code.Groups[1].Value).Replace("sk_your_api_key_here", key, StringComparison.Ordinal);
        if (language == "javascript")
        {
            script += "\nconsole.log(JSON.stringify(result));\n";
        }

        var path = Path.Combine(Path.GetTempPath(), $"mp-dev-example-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var (exit, stdout, stderr) = await ExternalProcess.RunAsync(program, path, TimeSpan.FromSeconds(60));

            Assert.True(exit == 0, stderr + stdout);
            Assert.Contains(expected, stdout);
        }
        finally
        {
            File.Delete(path);
        }

        var transaction = (await merchant.Api.GetAsync("transactions")).AssertOk().Data.GetProperty("transactions")[0];
        Assert.Equal("#00001", transaction.GetProperty("payment_id").GetString());
        Assert.Equal(100, transaction.GetProperty("amount").GetInt64());
    }
}
