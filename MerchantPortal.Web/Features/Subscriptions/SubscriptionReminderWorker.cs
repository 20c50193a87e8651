using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.Email;
using MerchantPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// Emails merchants whose subscription ends soon or has just ended (see <see cref="ReminderSchedule"/>), through
/// the same sender as the account emails. Each reminder is claimed by inserting its row first: the unique
/// (merchant, end, stage) index lets exactly one instance win, so several instances never send one twice.
/// Suspended merchants and the operator's own tenant get none.
/// </summary>
public sealed class SubscriptionReminderWorker(
    IServiceScopeFactory scopes,
    IPortalEmailSender email,
    PublicUrls urls,
    IOptionsMonitor<BillingOptions> billing,
    IOptionsMonitor<AppOptions> app,
    TimeProvider time,
    ILogger<SubscriptionReminderWorker> logger) : PollingWorker(time, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(0.001, billing.CurrentValue.ReminderCheckMinutes));

    public override Task RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>One pass over every stage; returns how many reminders this instance sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Time.GetUtcNow();
        var grace = app.CurrentValue.GraceDays;
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var stage in ReminderSchedule.Stages)
        {
            var (after, upTo) = ReminderSchedule.Window(stage, now, grace);
            string? cursor = null;
            while (true)
            {
                // Keyset batches: merchants already reminded drop out of the query, and one whose email fails is
                // passed by (its claim freed for the next pass) instead of being asked for again in a loop.
                var batch = await db.Users.AsNoTracking()
                    .Where(u => !u.IsPlatform && !u.MemberOnly && u.SuspendedAt == null && u.Email != null
                        && u.SubscriptionExpiresAt > after && u.SubscriptionExpiresAt <= upTo
                        && (cursor == null || string.Compare(u.Id, cursor) > 0)
                        && !db.SubscriptionReminders.Any(r => r.MerchantId == u.Id && r.ExpiresAt == u.SubscriptionExpiresAt && r.Stage == stage))
                    .OrderBy(u => u.Id)
                    .Take(BatchSize)
                    .Select(u => new ReminderRecipient(u.Id, u.Email!, u.UserName!, u.SubscriptionStatus, u.SubscriptionExpiresAt, u.PlanId))
                    .ToListAsync(cancellationToken);
                foreach (var recipient in batch)
                {
                    if (await ClaimAsync(db, recipient, stage, cancellationToken) is { } claimId
                        && await SendAsync(db, recipient, stage, claimId, PlanOf(plans, recipient.PlanId), grace, cancellationToken))
                    {
                        sent++;
                    }
                }

                if (batch.Count < BatchSize)
                {
                    break;
                }

                cursor = batch[^1].MerchantId;
            }
        }

        return sent;
    }

    /// <summary>The claim's id, or null when another instance claimed this reminder first.</summary>
    private async Task<long?> ClaimAsync(PortalDbContext db, ReminderRecipient to, int stage, CancellationToken cancellationToken)
    {
        var claim = new SubscriptionReminder { MerchantId = to.MerchantId, ExpiresAt = to.ExpiresAt, Stage = stage, SentAt = Time.GetUtcNow() };
        db.SubscriptionReminders.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return claim.Id;
        }
        catch (DbUpdateException)
        {
            return null;
        }
        finally
        {
            db.Entry(claim).State = EntityState.Detached;
        }
    }

    private async Task<bool> SendAsync(
        PortalDbContext db, ReminderRecipient to, int stage, long claimId, PlanDto? plan, int grace, CancellationToken cancellationToken)
    {
        try
        {
            await email.SendAsync(ReminderEmails.Compose(to, stage, plan, grace, urls.BillingPage(), Time.GetUtcNow()), cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not sent: free the claim so the next pass, on any instance, tries again.
            await db.SubscriptionReminders.Where(r => r.Id == claimId).ExecuteDeleteAsync(CancellationToken.None);
            logger.LogWarning(ex, "Subscription reminder to {To} not sent; retrying on the next pass", EmailAddresses.Mask(to.Email));
            return false;
        }
    }

    private static PlanDto? PlanOf(List<Plan> plans, long? planId) =>
        plans.AsQueryable().Where(SubscriptionRules.PlanOf(planId)).OrderBy(p => p.Id).FirstOrDefault() is { } plan
            ? SubscriptionService.ToDto(plan)
            : null;
}
