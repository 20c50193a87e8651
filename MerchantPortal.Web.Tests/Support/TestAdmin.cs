using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>An administrator made for one test: a registered user promoted in-process, then signed in afresh so the session carries the role.</summary>
public static class TestAdmin
{
    public static readonly AdminActor Tests = new("tests", "test set-up");

    public static async Task<TestMerchant> CreateAsync(PortalApp app)
    {
        var user = await TestMerchant.RegisterAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var promoted = await scope.ServiceProvider.GetRequiredService<AdminAccountService>()
                .PromoteAsync(Tests, new PromoteAdminRequest(user.Email), CancellationToken.None);
            Assert.True(promoted.Succeeded, promoted.Error?.Message);
        }

        return await SignInAsync(app, user.Username, user.Password, user.PublicId);
    }

    /// <summary>The admin page of one merchant.</summary>
    public static string DetailsOf(TestMerchant merchant) => "/Admin/Merchants/Details/" + merchant.PublicId;

    /// <summary>The merchant's row as stored, for assertions.</summary>
    public static Task<Merchant> MerchantRowAsync(this PortalApp app, TestMerchant merchant) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PublicId == merchant.PublicId));

    /// <summary>The audit entries about one merchant, plan or user, oldest first.</summary>
    public static Task<List<AuditEntry>> AuditOfAsync(this PortalApp app, string target) =>
        app.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Target == target).OrderBy(a => a.Id).ToListAsync());

    public static async Task<TestMerchant> SignInAsync(PortalApp app, string login, string password, string publicId)
    {
        var api = app.NewApi();
        (await api.PostAsync("login", ("user", login), ("password", password))).AssertOk();
        return new TestMerchant(app, api, login, password, publicId);
    }
}
