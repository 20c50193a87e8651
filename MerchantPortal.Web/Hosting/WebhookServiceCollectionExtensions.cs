using MerchantPortal.Web.Features.Webhooks;

namespace MerchantPortal.Web.Hosting;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Webhook endpoints, the outbox, the dispatcher and the guard on every address it connects to.</summary>
    public static WebApplicationBuilder AddPortalWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<Features.Transactions.IPaymentMoveHandler>(sp => sp.GetRequiredService<WebhookOutbox>());
        services.AddScoped<Features.Transactions.IPaymentUpdateHandler>(sp => sp.GetRequiredService<WebhookOutbox>());
        services.AddScoped<RequestCallbackSecrets>();
        services.AddScoped<WebhookDeliverySender>();
        services.AddSingleton<ServerInterfaceAddresses>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
