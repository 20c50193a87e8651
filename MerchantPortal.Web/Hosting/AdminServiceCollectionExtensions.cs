using MerchantPortal.Web.Features.Admin;

namespace MerchantPortal.Web.Hosting;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The operator's admin area: merchants, plans, figures, administrators and the audit log.</summary>
    public static WebApplicationBuilder AddPortalAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AdminOptions>(builder.Configuration.GetSection(AdminOptions.Section));
        services.AddScoped<AuditLog>();
        services.AddScoped<AdminAccountService>();
        services.AddScoped<AdminMerchantService>();
        services.AddScoped<AdminMerchantQueryService>();
        services.AddScoped<PlanAdminService>();
        services.AddScoped<AdminFiguresService>();
        services.AddScoped<AdminHealthService>();
        services.AddSingleton<MpesaModeService>();
        services.AddScoped<AdminSetup>();
        return builder;
    }
}
