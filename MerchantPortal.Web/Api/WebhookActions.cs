using MerchantPortal.Web.Features.Webhooks;

namespace MerchantPortal.Web.Api;

/// <summary>The webhook actions of the router: bind, call one service method, map.</summary>
public static class WebhookActions
{
    public static async Task<IResult> ListAsync(ActionCall call) =>
        ApiEnvelope.Ok("OK", new { webhooks = await call.Service<WebhookService>().ListAsync(call.Me.Id, call.Aborted) }).ToResult();

    public static async Task<IResult> SaveAsync(ActionCall call)
    {
        var i = call.Input;
        var result = await call.Service<WebhookService>().SaveAsync(call.Me.Id,
            new SaveWebhookRequest(i["webhook_id"], i["url"], i["events"], i["enabled"], i["roll_secret"]), call.Aborted);
        return ActionAnswers.Map(call, result, s => ApiEnvelope.Ok(
            s.Secret is null ? "Webhook saved." : "Webhook saved. Its signing secret is shown only this once: store it securely.",
            new { webhook = s.Webhook, secret = s.Secret }));
    }

    public static async Task<IResult> DeleteAsync(ActionCall call)
    {
        var result = await call.Service<WebhookService>().DeleteAsync(call.Me.Id, call.Input["webhook_id"], call.Aborted);
        return ActionAnswers.Map(call, result, _ => ApiEnvelope.Ok("Webhook deleted."));
    }

    public static async Task<IResult> DeliveriesAsync(ActionCall call) =>
        ApiEnvelope.Ok("OK", new { deliveries = await call.Service<WebhookService>().DeliveriesAsync(call.Me.Id, call.Input["webhook_id"], call.Aborted) })
            .ToResult();

    public static async Task<IResult> RedeliverAsync(ActionCall call)
    {
        var result = await call.Service<WebhookService>().RedeliverAsync(call.Me.Id, call.Input["delivery_id"], call.Aborted);
        return ActionAnswers.Map(call, result, d => ApiEnvelope.Ok("The event will be sent again.", new { delivery = d }));
    }
}
