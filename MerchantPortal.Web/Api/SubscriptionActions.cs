using MerchantPortal.Web.Features.Idempotency;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Api;

/// <summary>The subscription actions of the router: bind, call one service method, map.</summary>
public static class SubscriptionActions
{
    /// <summary>Public: what a merchant can subscribe to.</summary>
    public static async Task<IResult> PlansAsync(ActionCall call) =>
        ApiEnvelope.Ok("OK", new { plans = await call.Service<SubscriptionService>().PlansAsync(call.Aborted) }).ToResult();

    public static async Task<IResult> SubscriptionAsync(ActionCall call)
    {
        var result = await call.Service<SubscriptionService>().OverviewAsync(call.Me.Id, call.Aborted);
        return ActionAnswers.Map(call, result, o => ApiEnvelope.Ok("OK", new
        {
            subscription = o.Subscription,
            status = o.Subscription.Status,
            expires_at = o.Subscription.ExpiresAt,
            plan = o.Subscription.Plan,
            history = o.History,
        }));
    }

    /// <summary>
    /// Answers like <c>api_stk</c>, idempotency key included; the period is extended when M-Pesa confirms the payment.
    /// </summary>
    public static Task<IResult> RenewAsync(ActionCall call)
    {
        var request = new RenewRequest(call.Input["plan_id"], call.Input["phone"]);
        var fingerprint = Fingerprint.Of("renew_subscription", ("plan_id", request.PlanId), ("phone", Fingerprint.Phone(request.Phone)));
        return ActionAnswers.IdempotentAsync(call, call.Me.Id, fingerprint, async () =>
        {
            var result = await call.Service<PortalRateLimiters>().GuardAsync(Limit.Stk, call.Me.Id, PortalRateLimiters.TooManyPushes,
                () => call.Service<SubscriptionService>().RenewAsync(call.Me.Id, request, call.Aborted), PushAttempt.WasMade);
            return ActionAnswers.PushAnswer(call, result);
        });
    }
}
