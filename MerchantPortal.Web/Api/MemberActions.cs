using MerchantPortal.Web.Features.Members;

namespace MerchantPortal.Web.Api;

/// <summary>The member actions of the router: bind, call one service method, map.</summary>
public static class MemberActions
{
    public static async Task<IResult> ListAsync(ActionCall call)
    {
        var list = await call.Service<MemberService>().ListAsync(call.Me, call.Aborted);
        return ApiEnvelope.Ok("OK", new { members = list.Members, invites = list.Invites }).ToResult();
    }

    public static async Task<IResult> InviteAsync(ActionCall call)
    {
        var result = await call.Service<MemberService>().InviteAsync(
            call.Me, new InviteMemberRequest(call.Input["email"], call.Input["role"]), call.Aborted);
        return ActionAnswers.Map(call, result, c => ApiEnvelope.Ok(
            $"Invitation sent to {c.Invite.Email}. The link works once, for 7 days.", new { invite_url = c.InviteUrl, invite = c.Invite }));
    }

    public static async Task<IResult> ChangeRoleAsync(ActionCall call)
    {
        var result = await call.Service<MemberService>().ChangeRoleAsync(
            call.Me, MemberId(call), call.Input["role"]?.Trim().ToLowerInvariant(), call.Aborted);
        return ActionAnswers.Map(call, result, m => ApiEnvelope.Ok($"{m.Username} is now {MemberRoles.Title(m.Role)}.", new { member = m }));
    }

    public static async Task<IResult> RemoveAsync(ActionCall call)
    {
        var result = await call.Service<MemberService>().RemoveAsync(call.Me, MemberId(call), call.Aborted);
        return ActionAnswers.Map(call, result, _ => ApiEnvelope.Ok("Member removed."));
    }

    public static async Task<IResult> AcceptInviteAsync(ActionCall call)
    {
        var result = await call.Service<InvitationService>().AcceptAsync(
            PortalSchemes.PersonId(call.Http.User), call.Input["token"], call.Aborted);
        return ActionAnswers.Map(call, result, b => ApiEnvelope.Ok($"You joined {b.Name} as {MemberRoles.Title(b.Role)}.", new { business = Business(b) }));
    }

    public static async Task<IResult> SwitchBusinessAsync(ActionCall call)
    {
        var result = await call.Service<InvitationService>().SwitchAsync(
            PortalSchemes.PersonId(call.Http.User), call.Input["merchant_id"], call.Aborted);
        return ActionAnswers.Map(call, result, b => ApiEnvelope.Ok($"Now acting for {b.Name}.", new { business = Business(b) }));
    }

    /// <summary>The member's public id: <c>member_id</c> (also taken as <c>id</c>).</summary>
    private static string? MemberId(ActionCall call) => call.Input["member_id"] ?? call.Input["id"];

    private static object Business(BusinessChoice b) => new { merchant_id = b.PublicId, name = b.Name, role = b.Role };
}
