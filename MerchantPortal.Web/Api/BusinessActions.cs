using MerchantPortal.Web.Features.Business;
using static MerchantPortal.Web.Api.ActionAnswers;

namespace MerchantPortal.Web.Api;

/// <summary>The merchant's business profile in the action table.</summary>
public static class BusinessActions
{
    /// <summary>A field left out keeps its value; one sent blank (or JSON null) clears it.</summary>
    public static async Task<IResult> SaveProfileAsync(ActionCall call)
    {
        var i = call.Input;
        var request = new SaveProfileRequest(i.Sent("business_name"), i.Sent("support_phone"), i.Sent("support_email"));
        var result = await call.Service<BusinessProfileService>().SaveAsync(call.Me.Id, request, call.Aborted);
        return Map(call, result, p => ApiEnvelope.Ok("Business profile saved.", new { profile = p }));
    }
}
