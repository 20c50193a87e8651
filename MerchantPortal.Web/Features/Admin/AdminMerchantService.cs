using System.Linq.Expressions;
using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>
/// What an administrator does to a merchant: extend, change plan, suspend, reactivate. Each change is a
/// conditional update of the columns it touches (so a renewal settling at the same moment is never overwritten)
/// and its audit entry, in one database transaction. Nothing is ever deleted.
/// </summary>
public sealed class AdminMerchantService(
    PortalDbContext db,
    AuditLog audit,
    IValidator<ExtendSubscriptionRequest> extendValidator,
    IValidator<ChangePlanRequest> planValidator,
    IValidator<SuspendMerchantRequest> suspendValidator,
    TimeProvider time,
    IOptionsMonitor<AppOptions> app)
{
    /// <summary>
    /// Adds days from the current end, or from now once it has passed (SubscriptionRules.Extension). The stored
    /// trial/active is kept: no money changed hands, so a trial stays a trial. A suspension stays in force.
    /// </summary>
    public async Task<Result<DateTimeOffset>> ExtendAsync(AdminActor actor, string? merchantId, ExtendSubscriptionRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(extendValidator, request, merchantId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        AdminLimits.TryParseDays(request.Days, AdminLimits.MaxExtensionDays, out var days);
        var m = found.Value!;
        var now = time.GetUtcNow();
        var seen = m.SubscriptionExpiresAt;
        var end = SubscriptionRules.Extension(seen, now, days);
        var before = new { status = StatusOf(m, seen, m.SuspendedAt, now), expires_at = seen };
        var after = new { status = StatusOf(m, end, m.SuspendedAt, now), expires_at = end, days };
        var saved = await ChangeAsync(m, u => u.SubscriptionExpiresAt == seen, s => s.SetProperty(u => u.SubscriptionExpiresAt, end),
            actor, AuditActions.SubscriptionExtend, before, after, cancellationToken);
        return saved ?? Result<DateTimeOffset>.Ok(end);
    }

    /// <summary>The plan the merchant renews next; the current period and what was paid are left as they are.</summary>
    public async Task<Result<string>> ChangePlanAsync(AdminActor actor, string? merchantId, ChangePlanRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(planValidator, request, merchantId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var m = found.Value!;
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PublicId == request.PlanId, cancellationToken);
        if (plan is null)
        {
            return ServiceError.Invalid("plan_not_found", "No such plan.", "plan_id");
        }

        if (m.PlanId == plan.Id)
        {
            return ServiceError.Conflict("same_plan", $"{m.UserName} is already on {plan.Name}.");
        }

        var seen = m.PlanId;
        var current = seen is null ? null : await db.Plans.AsNoTracking().Where(p => p.Id == seen).Select(p => new { p.PublicId, p.Name })
            .SingleOrDefaultAsync(cancellationToken);
        var before = new { plan_id = current?.PublicId, plan = current?.Name ?? "default plan" };
        var after = new { plan_id = plan.PublicId, plan = plan.Name };
        var saved = await ChangeAsync(m, u => u.PlanId == seen, s => s.SetProperty(u => u.PlanId, plan.Id),
            actor, AuditActions.SubscriptionChangePlan, before, after, cancellationToken);
        return saved ?? Result<string>.Ok(plan.Name);
    }

    /// <summary>
    /// Sign-in, API keys and pay pages are refused while suspended. The security stamp is renewed in the same
    /// update, so open sessions end at their next validation (within a minute).
    /// </summary>
    public async Task<Result<bool>> SuspendAsync(AdminActor actor, string? merchantId, SuspendMerchantRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(suspendValidator, request, merchantId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var m = found.Value!;
        if (m.Id == actor.Id)
        {
            return ServiceError.Invalid("cannot_suspend_self", "You cannot suspend your own account.");
        }

        if (m.SuspendedAt is not null)
        {
            return ServiceError.Conflict("already_suspended", $"{m.UserName} is already suspended.");
        }

        var now = time.GetUtcNow();
        var reason = request.Reason!.Trim();
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        var before = new { status = StatusOf(m, m.SubscriptionExpiresAt, null, now) };
        var after = new { status = SubscriptionStatuses.Suspended, reason };
        var saved = await ChangeAsync(m, u => u.SuspendedAt == null, s => s
                .SetProperty(u => u.SuspendedAt, now)
                .SetProperty(u => u.SuspendedReason, reason)
                .SetProperty(u => u.SecurityStamp, stamp),
            actor, AuditActions.MerchantSuspend, before, after, cancellationToken);
        return saved ?? Result<bool>.Ok(true);
    }

    /// <summary>Lifts the suspension; the subscription's end is unchanged, so a merchant whose end passed meanwhile is expired.</summary>
    public async Task<Result<bool>> ReactivateAsync(AdminActor actor, string? merchantId, CancellationToken cancellationToken)
    {
        var m = await FindAsync(merchantId, cancellationToken);
        if (m is null)
        {
            return AdminMerchantQueryService.MerchantNotFound();
        }

        if (m.SuspendedAt is null)
        {
            return ServiceError.Conflict("not_suspended", $"{m.UserName} is not suspended.");
        }

        var now = time.GetUtcNow();
        var before = new { status = SubscriptionStatuses.Suspended, reason = m.SuspendedReason };
        var after = new { status = StatusOf(m, m.SubscriptionExpiresAt, null, now) };
        var saved = await ChangeAsync(m, u => u.SuspendedAt != null, s => s
                .SetProperty(u => u.SuspendedAt, (DateTimeOffset?)null)
                .SetProperty(u => u.SuspendedReason, (string?)null)
                .SetProperty(u => u.ClosedAt, (DateTimeOffset?)null),
            actor, AuditActions.MerchantReactivate, before, after, cancellationToken);
        return saved ?? Result<bool>.Ok(true);
    }

    private Task<Merchant?> FindAsync(string? publicId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.PublicId == publicId && !u.IsPlatform && !u.MemberOnly, cancellationToken);

    /// <summary>The request checked first, then the merchant (never the platform tenant) found.</summary>
    private async Task<Result<Merchant>> FindAsync<TRequest>(IValidator<TRequest> validator, TRequest request, string? publicId,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        return await FindAsync(publicId, cancellationToken) is { } merchant ? merchant : AdminMerchantQueryService.MerchantNotFound();
    }

    private string StatusOf(Merchant m, DateTimeOffset expiresAt, DateTimeOffset? suspendedAt, DateTimeOffset now) =>
        SubscriptionRules.StatusOf(m.SubscriptionStatus, expiresAt, suspendedAt, now, app.CurrentValue.GraceDays);

    /// <summary>
    /// Applies the update only if what the decision was based on is unchanged, with its audit entry, in one
    /// transaction. The concurrency stamp is renewed too, so an Identity update of the same user that started
    /// earlier (which writes every column) fails instead of undoing this change. Null when saved.
    /// </summary>
    private async Task<ServiceError?> ChangeAsync(
        Merchant seen,
        Expression<Func<Merchant, bool>> unchanged,
        Action<UpdateSettersBuilder<Merchant>> set,
        AdminActor actor,
        string action,
        object before,
        object after,
        CancellationToken cancellationToken)
    {
        var concurrencyStamp = Guid.NewGuid().ToString();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Users.Where(u => u.Id == seen.Id).Where(unchanged).ExecuteUpdateAsync(s =>
        {
            set(s);
            s.SetProperty(u => u.ConcurrencyStamp, concurrencyStamp);
        }, cancellationToken);
        if (changed == 0)
        {
            return ServiceError.Conflict("merchant_changed", "The merchant changed meanwhile: look again and retry.");
        }

        audit.Record(actor, action, seen.PublicId, before, after);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
