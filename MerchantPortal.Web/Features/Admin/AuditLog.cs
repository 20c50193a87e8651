using System.Text.Json;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>The stable verbs of the audit log.</summary>
public static class AuditActions
{
    public const string SubscriptionExtend = "subscription.extend";
    public const string SubscriptionChangePlan = "subscription.change_plan";
    public const string MerchantSuspend = "merchant.suspend";
    public const string MerchantReactivate = "merchant.reactivate";
    public const string PlanCreate = "plan.create";
    public const string PlanUpdate = "plan.update";
    public const string PlanMakeDefault = "plan.make_default";
    public const string AdminCreate = "admin.create";
    public const string AdminPromote = "admin.promote";
}

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorName, string Action, string Target, string? Before, string? After);

public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Entries, int Page, bool HasMore);

/// <summary>
/// Writes and reads the audit log. <see cref="Record"/> only adds the entry to the unit of work: the caller saves
/// it with the change it describes, so there is never a change without its entry, nor an entry without its change.
/// Entries are never edited (PortalDbContext refuses to).
/// </summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
    public const int PageSize = 50;
    private const int MaxState = 2000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public void Record(AdminActor actor, string action, string target, object? before, object? after) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            Target = target,
            Before = Serialize(before),
            After = Serialize(after),
        });

    /// <summary>Newest first; <paramref name="target"/> narrows it to one merchant, plan or user.</summary>
    public async Task<AuditPage> ListAsync(string? target, int page, CancellationToken cancellationToken)
    {
        page = Math.Clamp(page, 1, 100_000);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(target))
        {
            var exact = target.Trim();
            query = query.Where(a => a.Target == exact);
        }

        var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.ActorName, a.Action, a.Target, a.Before, a.After))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    private static string? Serialize(object? state)
    {
        if (state is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(state, Json);
        return json.Length <= MaxState ? json : json[..MaxState];
    }
}
