using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>
/// <c>create-admin</c>: run as the README says (the built portal as a process, against this app's database), and
/// in-process for the promotion paths.
/// </summary>
public abstract class AdminCommandTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task TheCommandCreatesAnAdministratorWhoOpensTheAdminArea()
    {
        var email = $"ops{Guid.NewGuid():N}"[..14] + "@example.com";

        var (exit, stdout, stderr) = await RunPortalAsync("create-admin", "--email", email, "--password", "s3cret-pass");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var username = email.Split('@')[0];
        Assert.Contains($"Created administrator {username} ({email})", stdout);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(username, user.UserName);
        var admin = await TestAdmin.SignInAsync(app, email, "s3cret-pass", user.PublicId);
        Assert.Contains("Platform figures", await admin.Api.Http.GetStringAsync("/Admin"));
        var entry = Assert.Single(await AuditOfAsync(user.PublicId));
        Assert.Equal(("admin.create", "command line"), (entry.Action, entry.ActorName));
    }

    [Fact]
    public async Task TheCommandRefusesBadInputWithTheReasonAndExitCodeOne()
    {
        var email = $"bad{Guid.NewGuid():N}"[..14] + "@example.com";

        var shortPassword = await RunPortalAsync("create-admin", "--email", email, "--password", "123");
        var noEmail = await RunPortalAsync("create-admin", "--password", "s3cret-pass");

        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("password must be at least 6 characters", shortPassword.Stderr);
        Assert.Equal(1, noEmail.ExitCode);
        Assert.Contains("--email is required", noEmail.Stderr);
        Assert.Contains("Usage: create-admin", noEmail.Stderr);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task TheCommandPromotesAnExistingUserOnceAndLeavesTheirPassword()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        var first = await RunInProcessAsync("--email", merchant.Email);
        var second = await RunInProcessAsync("--email", merchant.Email);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains($"Promoted {merchant.Username}", first.Stdout);
        Assert.Contains("is already an administrator", second.Stdout);
        var admin = await TestAdmin.SignInAsync(app, merchant.Username, merchant.Password, merchant.PublicId);
        Assert.Contains("Platform figures", await admin.Api.Http.GetStringAsync("/Admin"));
        var entry = Assert.Single(await AuditOfAsync(merchant.PublicId));
        Assert.Equal(("admin.promote", "command line", "{\"admin\":false}", "{\"admin\":true}"), (entry.Action, entry.ActorName, entry.Before, entry.After));
    }

    [Fact]
    public async Task TheCommandRefusesAUsernameThatBelongsToSomeoneElse()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var email = $"new{Guid.NewGuid():N}"[..14] + "@example.com";

        var (exit, _, stderr) = await RunInProcessAsync("--email", email, "--password", "s3cret-pass", "--username", merchant.Username);

        Assert.Equal(1, exit);
        Assert.Contains($"The username {merchant.Username} belongs to another user", stderr);
        Assert.Contains("--username", stderr);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    /// <summary>The built portal, as <c>dotnet run -- create-admin …</c> runs it, configured for this app's database.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunPortalAsync(TApp app, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = app.Provider.ToString(),
            ["ConnectionStrings__Default"] = app.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return await ExternalProcess.RunAsync(dotnet, [Path.Combine(AppContext.BaseDirectory, "MerchantPortal.Web.dll"), .. arguments],
            TimeSpan.FromMinutes(2), environment, AppContext.BaseDirectory);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunPortalAsync(params string[] arguments) => RunPortalAsync(app, arguments);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunInProcessAsync(params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AdminCommand.RunAsync(app.Services, options, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Task<List<AuditEntry>> AuditOfAsync(string target) => app.AuditOfAsync(target);
}

public sealed class SqliteAdminCommandTests(SqliteApp app) : AdminCommandTests<SqliteApp>(app);

public sealed class PostgresAdminCommandTests(PostgresApp app) : AdminCommandTests<PostgresApp>(app);
