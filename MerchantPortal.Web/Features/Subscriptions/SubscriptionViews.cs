using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// A merchant's subscription as <c>me</c>, <c>subscription</c>, Billing and the dashboard show it. Read-only and apart
/// from <see cref="SubscriptionService"/>, whose renewal needs the payment machinery: <c>me</c> answers this on every
/// call by API key, and builds none of that.
/// </summary>
public sealed class SubscriptionViews(PortalDbContext db, TimeProvider time, IOptionsMonitor<AppOptions> app)
{
    private static readonly CompiledPerProvider<Func<PortalDbContext, long, CancellationToken, Task<Plan?>>> PlanById =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, long id, CancellationToken _) =>
            db.Plans.AsNoTracking().Where(p => p.Id == id).FirstOrDefault()));

    private static readonly CompiledPerProvider<Func<PortalDbContext, CancellationToken, Task<Plan?>>> DefaultPlan =
        new(() => EF.CompileAsyncQuery((PortalDbContext db, CancellationToken _) =>
            db.Plans.AsNoTracking().Where(SubscriptionRules.PlanOf(null)).OrderBy(p => p.Id).FirstOrDefault()));

    public async Task<SubscriptionDto> ViewAsync(Merchant merchant, CancellationToken cancellationToken)
    {
        var plan = await PlanOfAsync(merchant.PlanId, cancellationToken);
        var now = time.GetUtcNow();
        var grace = app.CurrentValue.GraceDays;
        var status = SubscriptionRules.StatusOf(merchant, now, grace);
        return new SubscriptionDto(
            status,
            merchant.SubscriptionExpiresAt.ToUnixTimeSeconds(),
            plan is null ? null : SubscriptionService.ToDto(plan),
            SubscriptionRules.DaysLeft(merchant.SubscriptionExpiresAt, now),
            merchant.SubscriptionExpiresAt.AddDays(grace).ToUnixTimeSeconds(),
            SubscriptionRules.CanTakePayments(status),
            merchant.SuspendedReason);
    }

    /// <summary>The merchant's plan (<see cref="SubscriptionRules.PlanOf"/>): its own, else the default one.</summary>
    public Task<Plan?> PlanOfAsync(long? planId, CancellationToken cancellationToken) =>
        planId is { } id ? PlanById.For(db)(db, id, cancellationToken) : DefaultPlan.For(db)(db, cancellationToken);
}
