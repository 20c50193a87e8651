using System.Text.RegularExpressions;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Security;

/// <summary>
/// Links in emails carry the server's own address (App:PublicBaseUrl, else the address it listens on), never
/// the request's Host header: a forged Host must not send a victim's reset code to the forger's server.
/// </summary>
public abstract class EmailLinkTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task APasswordResetAskedWithAForgedHostIsLinkedToTheServersOwnAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        using var forger = app.NewClient();
        forger.DefaultRequestHeaders.Host = "evil.example";

        (await FormPage.PostAsync(forger, "/Identity/Account/ForgotPassword", ("Email", merchant.Email))).Dispose();

        AssertOwnAddress(await EmailedLinkAsync(merchant.Email, "/Identity/Account/ResetPassword"));
    }

    [Fact]
    public async Task AnEmailConfirmationAskedWithAForgedHostIsLinkedToTheServersOwnAddress()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        merchant.Api.Http.DefaultRequestHeaders.Host = "evil.example";

        (await FormPage.PostFormAsync(merchant.Api.Http, "/Dashboard", "SendConfirmationEmail")).Dispose();

        AssertOwnAddress(await EmailedLinkAsync(merchant.Email, "/Identity/Account/ConfirmEmail"));
    }

    private void AssertOwnAddress(Uri link)
    {
        Assert.DoesNotContain("evil.example", link.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(link.Host, new[] { "127.0.0.1", "localhost" });
        Assert.Equal(app.BaseUri.Port, link.Port);
    }

    private async Task<Uri> EmailedLinkAsync(string to, string path)
    {
        await app.WaitForLinkAsync(to, path);
        var link = app.MailTo(to).SelectMany(m => Regex.Matches(m, "https?://\\S+").Select(x => x.Value)).Last(l => l.Contains(path, StringComparison.Ordinal));
        return new Uri(link);
    }
}

public sealed class SqliteEmailLinkTests(SqliteApp app) : EmailLinkTests<SqliteApp>(app);

public sealed class PostgresEmailLinkTests(PostgresApp app) : EmailLinkTests<PostgresApp>(app);
