using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Members;

/// <summary>The business's audit log: what is recorded, the page's filters, its CSV, and who may read it.</summary>
public abstract class AuditLogTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task SignInsAccountsWebhooksAndExportsAreRecordedAndTheLogFiltersAndExports()
    {
        var owner = await TestMerchant.RegisterAsync(app);
        var admin = await TestMembers.JoinAsync(app, owner, "admin");
        using var signedIn = await SessionClient.SignInAsync(app, admin);
        await admin.AddAccountAsync("paybill", "123456");
        (await admin.Api.PostAsync("save_webhook", ("url", "https://hooks.example.com/secret-path/abc"))).AssertOk();
        using (var export = await admin.Api.Http.GetAsync("/Transactions?handler=Csv"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var log = WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync("/Audit"));
        foreach (var action in new[] { "sign_in", "member.invite", "member.join", "account.save", "webhook.save", "export.transactions" })
        {
            Assert.Contains("<code>" + action + "</code>", log);
        }

        Assert.Contains("hooks.example.com", log);
        Assert.DoesNotContain("secret-path", log);
        var onlyHooks = WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync("/Audit?action=webhook.save"));
        Assert.Contains("<code>webhook.save</code>", onlyHooks);
        Assert.DoesNotContain("<code>sign_in</code>", onlyHooks);
        var byWho = WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync("/Audit?who=" + admin.Username));
        Assert.Contains("<code>account.save</code>", byWho);
        Assert.DoesNotContain("<code>member.invite</code>", byWho);
        Assert.Contains("Dates are days", WebUtility.HtmlDecode(await owner.Api.Http.GetStringAsync("/Audit?from=yesterday")));

        using var csv = await owner.Api.Http.GetAsync("/Audit?handler=Csv&action=sign_in");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("time (Nairobi),who,action,target,detail,address", text.TrimStart('\uFEFF'));
        Assert.Contains(admin.Username, text);
        Assert.DoesNotContain("webhook.save", text);

        // Another business's log is its own.
        var stranger = await TestMerchant.RegisterAsync(app);
        Assert.DoesNotContain(admin.Username, WebUtility.HtmlDecode(await stranger.Api.Http.GetStringAsync("/Audit")));
    }
}

public sealed class SqliteAuditLogTests(SqliteApp app) : AuditLogTests<SqliteApp>(app);

public sealed class PostgresAuditLogTests(PostgresApp app) : AuditLogTests<PostgresApp>(app);
