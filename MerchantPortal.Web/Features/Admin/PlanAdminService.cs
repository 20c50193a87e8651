using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Admin;

/// <summary>
/// The plans the operator offers. One active plan is always the default (new merchants, and merchants without a
/// plan of their own, are on it), so it can be neither switched off nor replaced by an inactive plan.
/// </summary>
public sealed class PlanAdminService(PortalDbContext db, AuditLog audit, IValidator<SavePlanRequest> validator, TimeProvider time)
{
    public async Task<IReadOnlyList<AdminPlanDto>> ListAsync(CancellationToken cancellationToken)
    {
        var onPlan = await db.Users.AsNoTracking().Where(u => !u.IsPlatform && !u.MemberOnly).GroupBy(u => u.PlanId)
            .Select(g => new { PlanId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Price).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var withoutPlan = onPlan.Where(c => c.PlanId is null).Sum(c => c.Count);
        return [.. plans.Select(p => ToDto(p, onPlan.Where(c => c.PlanId == p.Id).Sum(c => c.Count) + (p.IsDefault ? withoutPlan : 0)))];
    }

    public async Task<Result<AdminPlanDto>> GetAsync(string? planId, CancellationToken cancellationToken)
    {
        var plan = (await ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == planId);
        return plan is null ? PlanNotFound() : plan;
    }

    public async Task<Result<AdminPlanDto>> CreateAsync(AdminActor actor, SavePlanRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var plan = new Plan { PublicId = Ids.NewPlanId(), CreatedAt = time.GetUtcNow() };
        Apply(plan, request);
        db.Plans.Add(plan);
        audit.Record(actor, AuditActions.PlanCreate, plan.PublicId, null, State(plan));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan, 0);
    }

    /// <summary>A new price or period applies from the next renewal; payments already made keep what they paid for.</summary>
    public async Task<Result<AdminPlanDto>> UpdateAsync(AdminActor actor, string? planId, SavePlanRequest request, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.PublicId == planId, cancellationToken);
        if (plan is null)
        {
            return PlanNotFound();
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        if (plan.IsDefault && !request.Active)
        {
            return ServiceError.Invalid("default_plan_inactive",
                "The default plan must stay active: make another plan the default first.", "active");
        }

        var before = State(plan);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Switching off is conditional on the plan not being the default now, so a concurrent "make default"
        // cannot leave an inactive default behind.
        if (!request.Active && await db.Plans.Where(p => p.Id == plan.Id && !p.IsDefault)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), cancellationToken) == 0)
        {
            return ServiceError.Conflict("plan_changed", "The plan became the default meanwhile: look again and retry.");
        }

        Apply(plan, request);
        audit.Record(actor, AuditActions.PlanUpdate, plan.PublicId, before, State(plan));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToDto(plan, 0);
    }

    /// <summary>Moves the default in one statement, so there is exactly one default at every moment.</summary>
    public async Task<Result<AdminPlanDto>> MakeDefaultAsync(AdminActor actor, string? planId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PublicId == planId, cancellationToken);
        if (plan is null)
        {
            return PlanNotFound();
        }

        if (!plan.IsActive)
        {
            return ServiceError.Invalid("plan_inactive", "Only an active plan can be the default: turn it on first.");
        }

        if (plan.IsDefault)
        {
            return ServiceError.Conflict("already_default", $"{plan.Name} is already the default plan.");
        }

        var previous = await db.Plans.AsNoTracking().Where(p => p.IsDefault).Select(p => p.PublicId).FirstOrDefaultAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = plan.Id;
        // Conditional on the plan still being active, so a concurrent switch-off cannot leave an inactive default.
        var changed = await db.Plans.Where(p => (p.IsDefault || p.Id == id) && db.Plans.Any(t => t.Id == id && t.IsActive))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDefault, p => p.Id == id), cancellationToken);
        if (changed == 0)
        {
            return ServiceError.Conflict("plan_changed", "The plan changed meanwhile: look again and retry.");
        }

        audit.Record(actor, AuditActions.PlanMakeDefault, plan.PublicId, new { default_plan = previous }, new { default_plan = plan.PublicId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        plan.IsDefault = true;
        return ToDto(plan, 0);
    }

    private static void Apply(Plan plan, SavePlanRequest request)
    {
        Amounts.TryParse(request.Price, out var price, out _);
        AdminLimits.TryParseDays(request.PeriodDays, AdminLimits.MaxPeriodDays, out var days);
        plan.Name = request.Name!.Trim();
        plan.Price = price;
        plan.PeriodDays = days;
        plan.IsActive = request.Active;
    }

    private static object State(Plan p) => new { name = p.Name, price = p.Price, period_days = p.PeriodDays, active = p.IsActive, @default = p.IsDefault };

    private static AdminPlanDto ToDto(Plan p, int merchants) => new(p.PublicId, p.Name, p.Price, p.PeriodDays, p.IsActive, p.IsDefault, merchants);

    private static ServiceError PlanNotFound() => ServiceError.NotFound("plan_not_found", "No such plan.");
}
