using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Web.Features.Subscriptions;

/// <summary>
/// At start (after the migrations): the platform tenant and its billing account follow the <c>Billing:</c>
/// configuration, and the default plan exists. Idempotent, and safe when two instances start together.
/// </summary>
public sealed class BillingSetup(
    PortalDbContext db,
    IOptions<BillingOptions> billing,
    IOptions<MpesaOptions> mpesa,
    DarajaCredentialsProvider credentials,
    TimeProvider time,
    ILogger<BillingSetup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await EnsurePlatformAsync(cancellationToken);
        await SyncAccountAsync(cancellationToken);
        await EnsureDefaultPlanAsync(cancellationToken);
    }

    private async Task EnsurePlatformAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.Id == PlatformTenant.MerchantId, cancellationToken))
        {
            return;
        }

        db.Users.Add(new Merchant
        {
            Id = PlatformTenant.MerchantId,
            PublicId = PlatformTenant.PublicId,
            UserName = PlatformTenant.UserName,
            NormalizedUserName = PlatformTenant.UserName.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            // No password, and locked for good: nobody signs in as the platform.
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
            IsPlatform = true,
            CreatedAt = time.GetUtcNow(),
            SubscriptionStatus = SubscriptionStatuses.Active,
            SubscriptionExpiresAt = DateTimeOffset.MaxValue,
        });
        await SaveIgnoringRaceAsync(cancellationToken);
    }

    private async Task SyncAccountAsync(CancellationToken cancellationToken)
    {
        var o = billing.Value;
        var number = o.AccountNumber(mpesa.Value);
        var account = await db.PaymentAccounts.SingleOrDefaultAsync(
            a => a.MerchantId == PlatformTenant.MerchantId && a.Sequence == 1, cancellationToken);
        if (number is null)
        {
            logger.LogWarning("Billing:ShortCode (or Mpesa:ShortCode) is not set: merchants cannot renew with M-Pesa");
            if (account is not null)
            {
                account.DeletedAt ??= time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        var now = time.GetUtcNow();
        if (account is null)
        {
            account = new PaymentAccount { MerchantId = PlatformTenant.MerchantId, Sequence = 1, IsPrimary = true, CreatedAt = now };
            db.PaymentAccounts.Add(account);
        }

        account.Type = o.IsTill ? PaymentAccountTypes.Till : PaymentAccountTypes.Paybill;
        account.Number = number;
        account.StoreNumber = string.IsNullOrWhiteSpace(o.StoreNumber) ? null : o.StoreNumber.Trim();
        account.DeletedAt = null;
        account.UpdatedAt = now;
        if (o.HasOwnCredentials)
        {
            account.ConsumerKey = o.ConsumerKey!.Trim();
            account.ConsumerSecretProtected = credentials.Protect(o.ConsumerSecret!.Trim());
            account.PasskeyProtected = credentials.Protect(o.Passkey!.Trim());
            account.CredentialsUpdatedAt = now;
        }
        else
        {
            account.ConsumerKey = account.ConsumerSecretProtected = account.PasskeyProtected = null;
        }

        await SaveIgnoringRaceAsync(cancellationToken);
    }

    private async Task EnsureDefaultPlanAsync(CancellationToken cancellationToken)
    {
        if (await db.Plans.AnyAsync(cancellationToken))
        {
            return;
        }

        var seed = billing.Value.DefaultPlan;
        db.Plans.Add(new Plan
        {
            PublicId = Ids.NewPlanId(),
            Name = seed.Name,
            Price = Math.Max(1, seed.Price),
            PeriodDays = Math.Max(1, seed.PeriodDays),
            IsActive = true,
            IsDefault = true,
            CreatedAt = time.GetUtcNow(),
        });
        await SaveIgnoringRaceAsync(cancellationToken);
    }

    /// <summary>Another instance starting at the same moment may have written the same row first; that is fine.</summary>
    private async Task SaveIgnoringRaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
