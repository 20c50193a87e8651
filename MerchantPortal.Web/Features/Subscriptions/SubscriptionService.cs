using FluentValidation;
using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>A merchant's own subscription: its state, the plans on offer, and renewal by M-Pesa.</summary>
public sealed class SubscriptionService(
    PortalDbContext db,
    PaymentService payments,
    SubscriptionViews views,
    IValidator<RenewRequest> renewValidator,
    Modes.DataMode mode)
{
    public const int HistoryLimit = 50;

    private static readonly ServiceError NotSignedIn = new(ErrorKind.Unauthenticated, "not_authenticated", "Sign in or send an API key.");

    public async Task<IReadOnlyList<PlanDto>> PlansAsync(CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Price).ThenBy(p => p.Id)
            .Select(p => new PlanDto(p.PublicId, p.Name, p.Price, p.PeriodDays)).ToListAsync(cancellationToken);

    public async Task<Result<SubscriptionDto>> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == merchantId, cancellationToken);
        return merchant is null ? NotSignedIn : await views.ViewAsync(merchant, cancellationToken);
    }

    public async Task<Result<SubscriptionOverview>> OverviewAsync(string merchantId, CancellationToken cancellationToken)
    {
        var subscription = await GetAsync(merchantId, cancellationToken);
        if (!subscription.Succeeded)
        {
            return subscription.Error!;
        }

        return new SubscriptionOverview(subscription.Value!, await HistoryAsync(merchantId, cancellationToken));
    }

    /// <summary>
    /// What the Billing page shows: the subscription, the plans to pay for (the merchant's own even when it is no
    /// longer offered, since it can still be renewed), the history, and the renewal the page follows by its status token.
    /// </summary>
    public async Task<Result<BillingView>> BillingAsync(string merchantId, string? paymentToken, CancellationToken cancellationToken)
    {
        var merchant = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == merchantId, cancellationToken);
        if (merchant is null)
        {
            return NotSignedIn;
        }

        var subscription = await views.ViewAsync(merchant, cancellationToken);
        var plans = await PlansAsync(cancellationToken);
        if (subscription.Plan is { } current && !plans.Any(p => p.Id == current.Id))
        {
            plans = [current, .. plans];
        }

        var history = await HistoryAsync(merchantId, cancellationToken);
        // Billing is always live money, whichever data the dashboard shows.
        var followed = string.IsNullOrEmpty(paymentToken) ? null : await db.SubscriptionPayments.AsNoTracking()
            .Where(p => p.MerchantId == merchantId && p.Transaction!.StatusToken == paymentToken)
            .Select(p => p.Transaction!.PublicId).SingleOrDefaultAsync(cancellationToken);
        return new BillingView(subscription, plans, history, merchant.Phone is null ? null : Phones.ToLocal(merchant.Phone),
            history.FirstOrDefault(h => h.TransactionId == followed));
    }

    /// <summary>Starts an STK push for the plan into the operator's account; the period is extended only once it is paid.</summary>
    public async Task<Result<PushStarted>> RenewAsync(string merchantId, RenewRequest request, CancellationToken cancellationToken)
    {
        if (mode.RefuseInTestMode("Paying the subscription") is { } liveOnly)
        {
            return liveOnly;
        }

        var validation = await renewValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToServiceError();
        }

        var merchant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == merchantId, cancellationToken);
        if (merchant.SuspendedAt is not null)
        {
            return new ServiceError(ErrorKind.Forbidden, "merchant_suspended",
                "This account is suspended by the portal operator: contact them to reactivate it.");
        }

        var plan = request.PlanId is null
            ? await views.PlanOfAsync(merchant.PlanId, cancellationToken)
            : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PublicId == request.PlanId, cancellationToken);
        if (plan is null || (!plan.IsActive && plan.Id != merchant.PlanId))
        {
            return new ServiceError(ErrorKind.NotFound, "plan_not_found", "No such plan on offer: see the plans action.",
                new Dictionary<string, string> { ["plan_id"] = "No such plan on offer." });
        }

        var account = await db.PaymentAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.MerchantId == PlatformTenant.MerchantId && a.DeletedAt == null, cancellationToken);
        if (account is null)
        {
            return new ServiceError(ErrorKind.Upstream, "billing_unavailable",
                "The operator has not set up M-Pesa billing yet, so the subscription cannot be paid here. Contact the operator.");
        }

        Phones.TryNormalize(request.Phone, out var phone);
        // The operator's statement shows whose subscription a payment is for: the merchant id fits the 12 characters.
        var reference = merchant.PublicId.StartsWith("u_", StringComparison.Ordinal) ? merchant.PublicId[2..] : merchant.PublicId;
        return await payments.StartBillingAsync(account, phone, plan.Price, reference, new SubscriptionPayment
        {
            MerchantId = merchantId,
            PlanId = plan.Id,
            PlanName = plan.Name,
            PeriodDays = plan.PeriodDays,
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<SubscriptionPaymentDto>> HistoryAsync(string merchantId, CancellationToken cancellationToken)
    {
        var rows = await (from p in db.SubscriptionPayments.AsNoTracking()
                          join t in db.AllTransactions on p.TransactionId equals t.Id
                          join plan in db.Plans on p.PlanId equals plan.Id
                          where p.MerchantId == merchantId
                          orderby p.TransactionId descending
                          select new { p, t, PlanPublicId = plan.PublicId }).Take(HistoryLimit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SubscriptionPaymentDto(
            r.t.PublicId, r.PlanPublicId, r.p.PlanName, r.t.Amount, Phones.ToLocal(r.t.Phone), r.t.Status, r.t.Receipt,
            ResultCodes.Reason(r.t.Status, r.t.ResultCode), r.t.CreatedAt.ToUnixTimeSeconds(), r.t.CompletedAt?.ToUnixTimeSeconds(),
            r.p.PeriodStart?.ToUnixTimeSeconds(), r.p.PeriodEnd?.ToUnixTimeSeconds()))];
    }

    public static PlanDto ToDto(Plan plan) => new(plan.PublicId, plan.Name, plan.Price, plan.PeriodDays);
}
