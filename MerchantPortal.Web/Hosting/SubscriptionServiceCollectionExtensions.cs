using MerchantPortal.Web.Features.Subscriptions;

namespace MerchantPortal.Web.Hosting;

public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>Plans, the merchants' subscriptions, billing through the operator's M-Pesa account, and reminders.</summary>
    public static WebApplicationBuilder AddPortalSubscriptions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<BillingOptions>(builder.Configuration.GetSection(BillingOptions.Section));
        services.AddScoped<SubscriptionGate>();
        services.AddScoped<SubscriptionLedger>();
        services.AddScoped<Features.Transactions.IPaymentMoveHandler>(sp => sp.GetRequiredService<SubscriptionLedger>());
        services.AddScoped<SubscriptionService>();
        services.AddScoped<SubscriptionViews>();
        services.AddScoped<SubscriptionBannerService>();
        services.AddScoped<BillingSetup>();
        services.AddHostedService<SubscriptionReminderWorker>();
        return builder;
    }
}
