using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>What is known of a payment made from the M-Pesa menu when the portal decides which link it pays.</summary>
/// <param name="Phone">The MSISDN as Daraja gave it: a phone, a masked phone (<c>2547****126</c>) or a hash.</param>
public sealed record C2BPaymentFacts(
    string MerchantId, long PaymentAccountId, bool AccountIsPrimary, string AccountType, string? BillRef, long Amount, string Phone, DateTimeOffset PaidAt);

/// <summary>The link a menu payment is attributed to, and the till intent that matched it (null for a paybill code).</summary>
public sealed record LinkMatch(long LinkId, string LinkPublicId, long? Amount, long? MinAmount, long? MaxAmount, long? IntentId);

/// <summary>
/// Which of the merchant's links a payment from the M-Pesa menu pays, if any: the one rule used by the
/// confirmation, by validation, by Pull Transactions and by statement import. A paybill payment names a link by
/// the account number the customer typed (the link's account code). A till payment names nothing, so it pays the
/// link whose pay page a customer asked to pay from the menu (a <see cref="MenuPaymentIntent"/>): same account, same
/// amount, same phone, within <see cref="IntentWindow"/> before it; the oldest open intent wins (decision 20).
/// </summary>
public sealed class C2BAttribution(PortalDbContext db)
{
    public static readonly TimeSpan IntentWindow = TimeSpan.FromMinutes(15);

    public async Task<LinkMatch?> FindLinkAsync(C2BPaymentFacts payment, CancellationToken cancellationToken)
    {
        if (payment.AccountType == PaymentAccountTypes.Till)
        {
            return await FindByIntentAsync(payment, cancellationToken);
        }

        var code = NormaliseCode(payment.BillRef);
        if (payment.AccountType != PaymentAccountTypes.Paybill || code is null)
        {
            return null;
        }

        return await db.PaymentLinks.AsNoTracking()
            .Where(l => l.MerchantId == payment.MerchantId && l.DeletedAt == null && l.IsActive && l.AccountCode == code
                && (l.PaymentAccountId == payment.PaymentAccountId || (l.PaymentAccountId == null && payment.AccountIsPrimary)))
            .Select(l => new LinkMatch(l.Id, l.PublicId, l.Amount, l.MinAmount, l.MaxAmount, null))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the intent a till payment matched as used by it, in the transaction that records the payment, so one intent
    /// pays one payment. False when another payment took it first (the caller then records this one unattributed).
    /// </summary>
    public async Task<bool> ClaimAsync(LinkMatch match, long transactionId, CancellationToken cancellationToken) =>
        match.IntentId is not { } intentId
        || await db.MenuPaymentIntents.Where(i => i.Id == intentId && i.TransactionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.TransactionId, transactionId), cancellationToken) == 1;

    private async Task<LinkMatch?> FindByIntentAsync(C2BPaymentFacts payment, CancellationToken cancellationToken)
    {
        var since = payment.PaidAt - IntentWindow;
        var open = await (from i in db.MenuPaymentIntents.AsNoTracking()
                          join l in db.PaymentLinks on i.PaymentLinkId equals l.Id
                          where i.PaymentAccountId == payment.PaymentAccountId && i.MerchantId == payment.MerchantId && i.Amount == payment.Amount
                              && i.TransactionId == null && i.CreatedAt >= since && i.CreatedAt <= payment.PaidAt && l.DeletedAt == null
                          orderby i.CreatedAt, i.Id
                          select new { i.Id, i.Phone, l.PublicId, LinkId = l.Id, l.Amount, l.MinAmount, l.MaxAmount })
            .ToListAsync(cancellationToken);
        var fits = open.Select(i => (Intent: i, Fit: PayerPhones.Fit(payment.Phone, i.Phone))).Where(f => f.Fit != PhoneFit.None).ToList();
        // A masked phone is someone's whose visible digits agree: trusted only when no other open intent could be theirs.
        var chosen = fits.FirstOrDefault(f => f.Fit == PhoneFit.Exact).Intent
            ?? (fits.Count == 1 ? fits[0].Intent : null);
        return chosen is null ? null : new LinkMatch(chosen.LinkId, chosen.PublicId, chosen.Amount, chosen.MinAmount, chosen.MaxAmount, chosen.Id);
    }

    /// <summary>Customers type account numbers in any case and with stray spaces; codes are stored upper-case.</summary>
    public static string? NormaliseCode(string? billRef) => PaymentLinks.LinkAccountCodes.Normalise(billRef);
}
