using System.Net;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>The admin area says how the portal is doing (issue 15): Daraja, callbacks, the two backlogs, the schema.</summary>
public abstract class AdminHealthTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheAdminHomeSaysInWordsWhetherDarajaCallbacksBacklogsAndMigrationsAreWell()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var merchant = await TestMerchant.RegisterAsync(app);
        await merchant.AddAccountAsync();
        var id = (await merchant.Api.PostAsync("api_stk", ("phone", TestPhones.Random()), ("amount", "12"))).AssertOk()
            .Data.GetProperty("transaction_id").GetString()!;
        await merchant.WaitForFinalAsync(id);

        var html = WebUtility.HtmlDecode(await admin.Api.Http.GetStringAsync("/Admin"));
        var start = html.IndexOf("id=\"health\"", StringComparison.Ordinal);
        Assert.True(start > 0, "The admin home has no health section.");
        var health = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("Daraja: the last access token was fetched around", health);
        Assert.DoesNotContain("Callbacks: the last one from M-Pesa arrived never yet", health);
        Assert.Contains("Reconciler:", health);
        Assert.Contains("data-webhook-backlog=\"0\"", health);
        var lastMigration = await app.WithDbAsync(async db =>
            (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetAppliedMigrationsAsync(db.Database)).Last());
        Assert.Contains($"Database: up to date (last migration {lastMigration}).", health);
    }
}

public sealed class SqliteAdminHealthTests(SqliteApp app) : AdminHealthTests<SqliteApp>(app);

public sealed class PostgresAdminHealthTests(PostgresApp app) : AdminHealthTests<PostgresApp>(app);
