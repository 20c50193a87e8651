using MerchantPortal.Web.Features.Webhooks;
using MerchantPortal.Web.Mpesa;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Hosting;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Webhook endpoints, the outbox, the dispatcher and the guarded client it sends with.</summary>
    public static WebApplicationBuilder AddPortalWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .PostConfigure<IOptions<MpesaOptions>>((o, mpesa) => o.AllowPrivateNetworks ??= mpesa.Value.IsSimulator);
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<Features.Transactions.IPaymentMoveHandler>(sp => sp.GetRequiredService<WebhookOutbox>());
        services.AddScoped<RequestCallbackSecrets>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // The guard must judge the merchant's address, which it cannot see through a proxy.
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
            });
        return builder;
    }
}
