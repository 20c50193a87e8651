using System.Net;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Integration.Admin;

/// <summary>Plans from the admin area: create, edit, make default; one active default always remains; every change audited.</summary>
public abstract class PlanAdminTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    [Fact]
    public async Task AnAdministratorCreatesAndEditsAPlanAndMerchantsSeeIt()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var name = "Yearly " + Guid.NewGuid().ToString("N")[..6];

        using var created = await FormPage.PostAsync(admin.Api.Http, "/Admin/Plans",
            ("Input.Name", name), ("Input.Price", "9000"), ("Input.PeriodDays", "365"), ("Input.Active", "true"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var plan = await PlanAsync(p => p.Name == name);
        Assert.Equal((9000L, 365, true, false), (plan.Price, plan.PeriodDays, plan.IsActive, plan.IsDefault));
        var offered = (await app.NewApi().GetAsync("plans")).AssertOk().Data.GetProperty("plans").EnumerateArray();
        Assert.Contains(offered, p => p.GetProperty("id").GetString() == plan.PublicId);

        using var edited = await FormPage.PostAsync(admin.Api.Http, "/Admin/Plans/Edit/" + plan.PublicId,
            ("Input.Name", name), ("Input.Price", "9500"), ("Input.PeriodDays", "365"), ("Input.Active", "false"));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal((9500L, false), ((await PlanAsync(p => p.Id == plan.Id)).Price, (await PlanAsync(p => p.Id == plan.Id)).IsActive));
        offered = (await app.NewApi().GetAsync("plans")).AssertOk().Data.GetProperty("plans").EnumerateArray();
        Assert.DoesNotContain(offered, p => p.GetProperty("id").GetString() == plan.PublicId);
        var audit = await AuditOfAsync(plan.PublicId);
        Assert.Equal(["plan.create", "plan.update"], audit.Select(a => a.Action));
        Assert.Null(audit[0].Before);
        Assert.Contains("\"price\":9000", audit[0].After);
        Assert.Contains("\"price\":9000", audit[1].Before);
        Assert.Contains("\"price\":9500", audit[1].After);
        Assert.Contains("\"active\":false", audit[1].After);
    }

    [Theory]
    [InlineData("", "9000", "30", "Enter the name of the plan")]
    [InlineData("Cheap", "12.5", "30", "The price must be a whole number")]
    [InlineData("Huge", "300000", "30", "price")]
    [InlineData("Long", "100", "0", "Enter the period in days: a whole number from 1 to 3650")]
    public async Task AnInvalidPlanIsRefusedBesideItsFieldAndNothingIsSaved(string name, string price, string days, string error)
    {
        var admin = await TestAdmin.CreateAsync(app);
        var count = await app.WithDbAsync(db => db.Plans.CountAsync());

        using var posted = await FormPage.PostAsync(admin.Api.Http, "/Admin/Plans",
            ("Input.Name", name), ("Input.Price", price), ("Input.PeriodDays", days), ("Input.Active", "true"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(error, await posted.Content.ReadAsStringAsync());
        Assert.Equal(count, await app.WithDbAsync(db => db.Plans.CountAsync()));
    }

    [Fact]
    public async Task TheDefaultMovesToAnActivePlanOnlyAndTheDefaultCannotBeSwitchedOff()
    {
        var admin = await TestAdmin.CreateAsync(app);
        var name = "Basic " + Guid.NewGuid().ToString("N")[..6];
        using (await FormPage.PostAsync(admin.Api.Http, "/Admin/Plans", ("Input.Name", name), ("Input.Price", "500"), ("Input.PeriodDays", "30"), ("Input.Active", "false")))
        {
        }

        var plan = await PlanAsync(p => p.Name == name);
        var edit = "/Admin/Plans/Edit/" + plan.PublicId;
        var previous = await PlanAsync(p => p.IsDefault);

        using var inactive = await PageForms.PostAsync(admin.Api.Http, edit, "handler=MakeDefault");
        Assert.Contains("Only an active plan can be the default", await inactive.Content.ReadAsStringAsync());

        using (await FormPage.PostAsync(admin.Api.Http, edit, ("Input.Name", name), ("Input.Price", "500"), ("Input.PeriodDays", "30"), ("Input.Active", "true")))
        {
        }

        using var made = await PageForms.PostAsync(admin.Api.Http, edit, "handler=MakeDefault");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal([plan.PublicId], await app.WithDbAsync(db => db.Plans.Where(p => p.IsDefault).Select(p => p.PublicId).ToListAsync()));
        var merchant = await TestMerchant.RegisterAsync(app);
        Assert.Equal(name, (await merchant.Api.GetAsync("subscription")).AssertOk().Data.GetProperty("plan").GetProperty("name").GetString());

        using var off = await FormPage.PostAsync(admin.Api.Http, edit, ("Input.Name", name), ("Input.Price", "500"), ("Input.PeriodDays", "30"), ("Input.Active", "false"));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Contains("The default plan must stay active", await off.Content.ReadAsStringAsync());
        Assert.True((await PlanAsync(p => p.Id == plan.Id)).IsActive);
        var entry = (await AuditOfAsync(plan.PublicId)).Last();
        Assert.Equal("plan.make_default", entry.Action);
        Assert.Contains(previous.PublicId, entry.Before);
    }

    private Task<Plan> PlanAsync(System.Linq.Expressions.Expression<Func<Plan, bool>> which) =>
        app.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync(which));

    private Task<List<AuditEntry>> AuditOfAsync(string target) => app.AuditOfAsync(target);
}

public sealed class SqlitePlanAdminTests(SqliteApp app) : PlanAdminTests<SqliteApp>(app);

public sealed class PostgresPlanAdminTests(PostgresApp app) : PlanAdminTests<PostgresApp>(app);
