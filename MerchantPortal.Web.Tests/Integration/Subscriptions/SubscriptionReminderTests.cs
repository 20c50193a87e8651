using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Subscriptions;
using MerchantPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Web.Tests.Integration.Subscriptions;

/// <summary>Reminder emails from the running worker as the app's test clock passes each stage.</summary>
public abstract class SubscriptionReminderTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : BillingApp
{
    /// <summary>Several passes of the worker (it looks every 0.3 s here).</summary>
    private static readonly TimeSpan SeveralPasses = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task EachStageSendsExactlyOneEmailAsTheClockPassesItAndSuspendedMerchantsGetNone()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var suspended = await TestMerchant.RegisterAsync(app);
        await app.WithDbAsync(db => db.Users.Where(u => u.PublicId == suspended.PublicId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, app.Now)));
        var end = await app.ExpiresAtAsync(merchant);

        app.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await ExpectMailAsync(merchant, 1, "Your MerchantPortal trial ends in 7 days");
        app.Advance(TimeSpan.FromDays(4));
        await ExpectMailAsync(merchant, 2, "Your MerchantPortal trial ends in 3 days");
        app.Advance(TimeSpan.FromDays(2));
        await ExpectMailAsync(merchant, 3, "Your MerchantPortal trial ends within a day");
        app.Advance(TimeSpan.FromDays(1));
        await ExpectMailAsync(merchant, 4, "Your MerchantPortal trial has ended");

        var last = app.MailTo(merchant.Email)[^1];
        Assert.Contains(Web.Features.Common.Nairobi.Format(end), last);
        Assert.Contains("Standard, KES 1,000 for 30 days", last);
        Assert.Contains(new Uri(app.BaseUri, "/Billing").ToString(), last);
        Assert.Empty(app.MailTo(suspended.Email));
        var stages = await app.WithDbAsync(db => db.SubscriptionReminders.Where(r => db.Users.Any(u => u.Id == r.MerchantId && u.PublicId == merchant.PublicId))
            .Select(r => r.Stage).OrderByDescending(s => s).ToListAsync());
        Assert.Equal([7, 3, 1, 0], stages);
    }

    [Fact]
    public async Task AReminderAnotherInstanceClaimedIsNotSentAgain()
    {
        var merchant = await TestMerchant.RegisterAsync(app);
        var end = app.Now.AddDays(2.5);
        await app.WithDbAsync(async db =>
        {
            db.SubscriptionReminders.Add(new SubscriptionReminder
            {
                MerchantId = await db.Users.Where(u => u.PublicId == merchant.PublicId).Select(u => u.Id).SingleAsync(),
                ExpiresAt = end,
                Stage = 3,
                SentAt = app.Now,
            });
            return await db.SaveChangesAsync();
        });

        var unclaimed = await TestMerchant.RegisterAsync(app);
        await app.SetExpiresAtAsync(merchant, end);
        await app.SetExpiresAtAsync(unclaimed, end);
        await Task.Delay(SeveralPasses);

        Assert.Empty(app.MailTo(merchant.Email));
        Assert.Single(app.MailTo(unclaimed.Email));
    }

    [Fact]
    public async Task WorkersRacingForTheSameReminderSendItOnce()
    {
        var merchants = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => TestMerchant.RegisterAsync(app)));
        var workers = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<SubscriptionReminderWorker>(app.Services)).ToList();
        var end = app.Now.AddHours(12);

        foreach (var merchant in merchants)
        {
            await app.SetExpiresAtAsync(merchant, end);
        }

        // These four and the app's own worker all go for the same five reminders at once.
        var sent = await Task.WhenAll(workers.Select(w => w.SendDueAsync(CancellationToken.None)));
        await Task.Delay(SeveralPasses);

        Assert.All(merchants, m => Assert.Single(app.MailTo(m.Email)));
        Assert.InRange(sent.Sum(), 0, merchants.Length);
    }

    [Fact]
    public async Task AnEndLongPastGetsNoReminder()
    {
        var merchant = await TestMerchant.RegisterAsync(app);

        await app.SetExpiresAtAsync(merchant, app.Now.AddDays(-10));
        await Task.Delay(SeveralPasses);

        Assert.Empty(app.MailTo(merchant.Email));
    }

    private async Task ExpectMailAsync(TestMerchant merchant, int count, string subject)
    {
        for (var i = 0; i < 100 && app.MailTo(merchant.Email).Count < count; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(SeveralPasses);
        var mail = app.MailTo(merchant.Email);
        Assert.Equal(count, mail.Count);
        Assert.Contains($"\r\nSubject: {subject}\r\n", mail[^1]);
    }
}

public sealed class SqliteSubscriptionReminderTests(SqliteBillingApp app) : SubscriptionReminderTests<SqliteBillingApp>(app);

public sealed class PostgresSubscriptionReminderTests(PostgresBillingApp app) : SubscriptionReminderTests<PostgresBillingApp>(app);
