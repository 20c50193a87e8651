using System.Net;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>Administrators promote others from the Administrators page; each promotion is audited.</summary>
public abstract class AdminUsersTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnAdministratorPromotesAUserWhoThenOpensTheAdminArea()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var user = await TestMerchant.RegisterAsync(app);

        using var posted = await FormPage.PostAsync(admin.Api.Http, "/Admin/Admins", ("Login", user.Email));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains(user.Username, await admin.Api.Http.GetStringAsync("/Admin/Admins"));
        var promoted = await TestAdmin.SignInAsync(app, user.Username, user.Password, user.PublicId);
        Assert.Contains("Platform figures", await promoted.Api.Http.GetStringAsync("/Admin"));
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Target == user.PublicId).ToListAsync()));
        Assert.Equal(("admin.promote", admin.Username), (entry.Action, entry.ActorName));
    }

    [Fact]
    public async Task TheAdminPageSaysPaymentsGoToTheLenientSimulator()
    {
        var admin = await TestAdmin.CreateAsync(app);

        var page = await admin.Api.Http.GetStringAsync("/Admin");

        Assert.Contains("<strong>Simulator</strong>: Built-in simulator, lenient: any shortcode takes payments.", page);
        Assert.Contains("data-strict=\"false\"", page);
    }

    [Fact]
    public async Task PromotingAnUnknownUserOrAnAdministratorAgainIsRefused()
    {
        var admin = await TestAdmin.CreateAsync(app);

        using var unknown = await FormPage.PostAsync(admin.Api.Http, "/Admin/Admins", ("Login", "nobody-at-all"));
        using var again = await FormPage.PostAsync(admin.Api.Http, "/Admin/Admins", ("Login", admin.Username));
        using var platform = await FormPage.PostAsync(admin.Api.Http, "/Admin/Admins", ("Login", "~platform"));

        Assert.Contains("No user has that email address or username", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("is already an administrator", await again.Content.ReadAsStringAsync());
        Assert.Contains("No user has that email address or username", await platform.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Target == admin.PublicId)));
    }
}

public sealed class SqliteAdminUsersTests(SqliteApp app) : AdminUsersTests<SqliteApp>(app);

public sealed class PostgresAdminUsersTests(PostgresApp app) : AdminUsersTests<PostgresApp>(app);

/// <summary>A portal started with <c>Admin:Email</c> and <c>Admin:Password</c> set.</summary>
public class AdminFromConfigurationApp(DatabaseProvider provider) : PortalApp(provider)
{
    public const string Email = "first.admin@example.com";
    public const string Password = "first-secret";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = Email,
        ["Admin:Password"] = Password,
    };
}

public sealed class SqliteAdminFromConfigurationApp() : AdminFromConfigurationApp(DatabaseProvider.Sqlite);

public sealed class PostgresAdminFromConfigurationApp() : AdminFromConfigurationApp(DatabaseProvider.Postgres);

public abstract class AdminFromConfigurationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AdminFromConfigurationApp
{
    [Fact]
    public async Task TheFirstAdministratorIsCreatedFromConfigurationOnStartAndOnlyOnce()
    {
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == AdminFromConfigurationApp.Email));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminSetup>().RunAsync(CancellationToken.None);
        }

        Assert.Equal("first.admin", user.UserName);
        var admin = await TestAdmin.SignInAsync(app, AdminFromConfigurationApp.Email, AdminFromConfigurationApp.Password, user.PublicId);
        Assert.Contains("Platform figures", await admin.Api.Http.GetStringAsync("/Admin"));
        var entries = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Target == user.PublicId).ToListAsync());
        Assert.Equal(("admin.create", "configuration"), (Assert.Single(entries).Action, entries[0].ActorName));
    }
}

public sealed class SqliteAdminFromConfigurationTests(SqliteAdminFromConfigurationApp app)
    : AdminFromConfigurationTests<SqliteAdminFromConfigurationApp>(app);

public sealed class PostgresAdminFromConfigurationTests(PostgresAdminFromConfigurationApp app)
    : AdminFromConfigurationTests<PostgresAdminFromConfigurationApp>(app);
