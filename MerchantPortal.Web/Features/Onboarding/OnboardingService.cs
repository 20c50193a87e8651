using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.RateLimits;
using MerchantPortal.Web.Features.Transactions;
using MerchantPortal.Web.Mpesa;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Onboarding;

/// <summary>The dashboard's onboarding checklist and its one-button test payment (simulator only).</summary>
public sealed class OnboardingService(
    PortalDbContext db,
    PaymentService payments,
    PortalRateLimiters limiters,
    IOptionsMonitor<MpesaOptions> mpesa,
    Modes.DataMode mode)
{
    public async Task<OnboardingChecklist> GetAsync(string merchantId, CancellationToken cancellationToken)
    {
        var accounts = db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == merchantId && a.DeletedAt == null);
        return new OnboardingChecklist(
            await accounts.AnyAsync(cancellationToken),
            await db.PaymentLinks.AnyAsync(l => l.MerchantId == merchantId && l.DeletedAt == null, cancellationToken),
            await db.Transactions.AnyAsync(t => t.MerchantId == merchantId && t.Status == TransactionStatuses.Succeeded, cancellationToken),
            // The same test the push makes (DarajaCredentialsProvider.HasOwnCredentials), in SQL.
            await accounts.AnyAsync(a => a.ConsumerKey != null && a.ConsumerKey != ""
                && a.ConsumerSecretProtected != null && a.ConsumerSecretProtected != ""
                && a.PasskeyProtected != null && a.PasskeyProtected != "", cancellationToken),
            mpesa.CurrentValue.IsSimulator);
    }

    /// <summary>
    /// Pays the merchant's newest active link from the simulator's test number, through the customer's own path
    /// (<see cref="PaymentService.PayFromLinkAsync"/> and the pay page's rate limits), so the payment is a real one
    /// in the portal's books. Refused outside the simulator: there a test payment moves real money.
    /// </summary>
    public async Task<Result<TestPaymentStarted>> PayOwnLinkAsync(
        string merchantId, string merchantPublicId, string clientIp, CancellationToken cancellationToken)
    {
        if (!mpesa.CurrentValue.IsSimulator)
        {
            return ServiceError.Conflict("not_simulated", "Test payments from a test number need the simulator: pay your own link with your phone.");
        }

        var link = await db.PaymentLinks.AsNoTracking()
            .Where(l => l.MerchantId == merchantId && l.DeletedAt == null && l.IsActive)
            .OrderByDescending(l => l.Id).FirstOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return ServiceError.Conflict("no_active_link", "Create a payment link (or switch one on) first: the test payment pays it.");
        }

        var amount = link.Amount is null ? (link.MinAmount ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        // The test number is shared by every merchant: its per-phone limit is counted per merchant.
        var keys = new[]
        {
            new LimitKey(Limit.PayLinkIp, clientIp),
            new LimitKey(Limit.PayLinkPhone, merchantPublicId + ":" + SimulatorPhones.TestPayment),
        };
        var started = await limiters.GuardAsync(keys, PortalRateLimiters.TooManyPayments,
            // With the Test data switch on, the payment is test data like the pages that will show it.
            () => payments.PayFromLinkAsync(new PayFromLinkRequest(merchantPublicId, link.PublicId, SimulatorPhones.TestPayment, amount), cancellationToken,
                mode.IsTest ? merchantId : null),
            PushAttempt.WasMade, cancellationToken);
        return started.Succeeded ? new TestPaymentStarted(started.Value!.TransactionId) : started.Error!;
    }
}
