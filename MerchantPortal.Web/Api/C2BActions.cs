using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.C2B;

namespace MerchantPortal.Web.Api;

/// <summary>The router's actions for payments from the M-Pesa menu: bind, call one service method, map.</summary>
public static class C2BActions
{
    public static async Task<IResult> SimulateAsync(ActionCall call)
    {
        var i = call.Input;
        var result = await call.Service<C2BSimulationService>().SimulateAsync(call.Me.Id,
            new SimulateC2BRequest(i["payment_id"], i["phone"], i["amount"], i["bill_ref"]), call.Aborted);
        return ActionAnswers.Map(call, result, receipt => ApiEnvelope.Ok(
            "The simulated customer paid from the M-Pesa menu; the transaction appears when M-Pesa's confirmation arrives.", new { receipt }));
    }

    public static async Task<IResult> RegisterUrlsAsync(ActionCall call)
    {
        var result = await call.Service<C2BSettingsService>().RegisterAgainAsync(call.Me.Id, call.Input["payment_id"], call.Aborted);
        return ActionAnswers.Map(call, result, s => ApiEnvelope.Ok(
            s.RegistrationOk ? "M-Pesa accepted the URLs." : "M-Pesa did not register the URLs: " + s.RegistrationAnswer,
            new
            {
                registration = new
                {
                    payment_id = s.PaymentId,
                    ok = s.RegistrationOk,
                    answer = s.RegistrationAnswer,
                    registered_at = s.RegisteredAt?.ToUnixTimeSeconds(),
                    validation = s.Validation,
                    response_type = s.ResponseType,
                },
            }));
    }

    /// <summary>Attributes one of the merchant's unmatched menu payments to one of their links (as the Unmatched page).</summary>
    public static async Task<IResult> AssignPaymentAsync(ActionCall call)
    {
        var result = await call.Service<UnmatchedPayments>().AssignAsync(call.Me.Id, new AdminActor(call.Me.Id, call.Me.Username),
            call.Input["transaction_id"], call.Input["link_id"], call.Aborted);
        return ActionAnswers.Map(call, result, a => ApiEnvelope.Ok($"Payment {a.TransactionId} now pays {a.LinkId}.",
            new { transaction_id = a.TransactionId, link_id = a.LinkId }));
    }
}
