using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Members;

/// <summary>The stable verbs of a business's audit log.</summary>
public static class BusinessAuditActions
{
    public const string SignIn = "sign_in";
    public const string MemberInvite = "member.invite";
    public const string MemberInviteWithdraw = "member.invite_withdraw";
    public const string MemberJoin = "member.join";
    public const string MemberRoleChange = "member.role_change";
    public const string MemberRemove = "member.remove";
    public const string TwoFactorRequirement = "member.require_2fa";
    public const string ApiKeyCreate = "api_key.create";
    public const string ApiKeyRevoke = "api_key.revoke";
    public const string ReversalRequest = "reversal.request";
    public const string ReversalApprove = "reversal.approve";
    public const string ReversalDecline = "reversal.decline";
    public const string ReversalThreshold = "reversal.approval_threshold";
    public const string InitiatorChange = "account.initiator";
    public const string AccountSave = "account.save";
    public const string AccountDelete = "account.delete";
    public const string AccountCredentials = "account.credentials";
    public const string WebhookSave = "webhook.save";
    public const string WebhookDelete = "webhook.delete";
    public const string Export = "export.transactions";
    public const string BusinessClose = "business.close";
}

/// <summary>
/// Writes a business's audit log. <c>RecordAsync</c> adds the entry to the unit of work: the caller saves it with
/// the change it describes, so there is never a change without its entry.
/// </summary>
public sealed class BusinessAuditLog(PortalDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The actor's names are read once per request (a page may record more than one entry).</summary>
    private (string Id, string Name)? actor;

    public async Task RecordAsync(SignedInMerchant who, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        var (actorId, actorName) = actor ??= await ActorAsync(who, cancellationToken);
        db.BusinessAudit.Add(new BusinessAuditEntry
        {
            MerchantId = who.Id,
            At = time.GetUtcNow(),
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            Target = Clip(target, 300),
            Detail = detail is null ? null : Clip(detail, 500),
            Ip = http.HttpContext is { } context ? Hosting.ClientAddress.Of(context) : null,
        });
    }

    /// <summary>
    /// For a service that knows only the business: the request's own session or key is the actor when it acts for that
    /// business (it always does, from a page or an action); otherwise the portal itself.
    /// </summary>
    public Task RecordAsync(string merchantId, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        var who = http.HttpContext is { } context && Api.PortalSchemes.Merchant(context.User) is { } acting && acting.Id == merchantId
            ? acting
            : new SignedInMerchant(merchantId, "", "") { Role = MemberRoles.ApiKey };
        return RecordAsync(who, action, target, detail, cancellationToken);
    }

    private async Task<(string, string)> ActorAsync(SignedInMerchant who, CancellationToken cancellationToken)
    {
        if (who.PersonId is null)
        {
            // No person: an API key's call, or (no public id) the portal's own work.
            return who.PublicId.Length == 0 ? ("portal", "the portal") : ("api_key", "API key");
        }

        var person = await db.Users.AsNoTracking().Where(u => u.Id == who.PersonId)
            .Select(u => new { u.PublicId, u.UserName }).SingleOrDefaultAsync(cancellationToken);
        return person is null ? (who.PersonId, "?") : (person.PublicId, person.UserName ?? "");
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
