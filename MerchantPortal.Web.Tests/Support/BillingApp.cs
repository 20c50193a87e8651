using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>
/// The portal on a test clock for billing: reminders are looked for several times a second, and a renewal from
/// 0708000005 (never called back) stays pending, since the reconciler waits an hour.
/// </summary>
public class BillingApp(DatabaseProvider provider) : ClockedApp(provider)
{
    public const string StaysPending = "0708000005";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Billing:ReminderCheckMinutes"] = "0.005",
        ["Mpesa:Reconcile:AfterSeconds"] = "3600",
    };

    /// <summary>The merchant's subscription end, as stored.</summary>
    public Task<DateTimeOffset> ExpiresAtAsync(TestMerchant merchant) =>
        WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.SubscriptionExpiresAt).SingleAsync());

    /// <summary>Moves the merchant's subscription end (as an operator's fix or the passing of time would).</summary>
    public Task<int> SetExpiresAtAsync(TestMerchant merchant, DateTimeOffset at) =>
        WithDbAsync(db => db.Users.Where(u => u.PublicId == merchant.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SubscriptionExpiresAt, at)));
}

public sealed class SqliteBillingApp() : BillingApp(DatabaseProvider.Sqlite);

public sealed class PostgresBillingApp() : BillingApp(DatabaseProvider.Postgres);
