using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>What the customer is to pay from the menu, and until when the portal looks for it.</summary>
public sealed record MenuIntentRecorded(string Till, long Amount, string Phone, DateTimeOffset Until);

/// <summary>
/// A customer on a till link's pay page says they will pay from the M-Pesa menu (Buy Goods) instead of by prompt.
/// A till payment names no link, so this is what lets <see cref="C2BAttribution"/> attribute the payment that follows:
/// same account, amount and phone within <see cref="C2BAttribution.IntentWindow"/>.
/// </summary>
public sealed class MenuIntentService(PortalDbContext db, SubscriptionGate subscriptions, TimeProvider time)
{
    public async Task<Result<MenuIntentRecorded>> RecordAsync(string? lid, string? phone, string? amount, CancellationToken cancellationToken)
    {
        var found = await (from l in db.PaymentLinks.AsNoTracking()
                           where l.PublicId == lid && l.DeletedAt == null
                           // The account a push from this link would use: the link's own, else the primary one.
                           let accountId = db.PaymentAccounts
                               .Where(a => a.MerchantId == l.MerchantId && a.DeletedAt == null && (l.PaymentAccountId == null || a.Id == l.PaymentAccountId))
                               .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Sequence).Select(a => (long?)a.Id).FirstOrDefault()
                           join a in db.PaymentAccounts on accountId equals (long?)a.Id
                           select new { Link = l, Account = a }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return PaymentLinkService.LinkNotFound();
        }

        var (link, account) = (found.Link, found.Account);
        if (!link.IsActive)
        {
            return ServiceError.Conflict("link_inactive", "This payment link is not accepting payments.");
        }

        if (account.Type != PaymentAccountTypes.Till)
        {
            return ServiceError.Invalid("not_a_till", "This link is paid into a paybill: pay with its account number instead.");
        }

        if (await subscriptions.RefusePaymentsAsync(link.MerchantId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Phones.TryNormalize(phone, out var msisdn))
        {
            return ServiceError.Invalid("invalid_phone", "phone is not a valid phone number. " + Phones.FormatHelp, "phone");
        }

        var charge = LinkAmounts.Charge(link, link.Amount is null ? Amounts.NormalizeTyped(amount) : null);
        if (!charge.Succeeded)
        {
            return charge.Error!;
        }

        var now = time.GetUtcNow();
        db.MenuPaymentIntents.Add(new MenuPaymentIntent
        {
            MerchantId = link.MerchantId, PaymentAccountId = account.Id, PaymentLinkId = link.Id, Amount = charge.Value, Phone = msisdn, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new MenuIntentRecorded(account.Number, charge.Value, msisdn, now + C2BAttribution.IntentWindow);
    }
}
