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
/// the account number the customer typed (the link's account code).
/// </summary>
public sealed class C2BAttribution(PortalDbContext db)
{
    public async Task<LinkMatch?> FindLinkAsync(C2BPaymentFacts payment, CancellationToken cancellationToken)
    {
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

    /// <summary>Customers type account numbers in any case and with stray spaces; codes are stored upper-case.</summary>
    public static string? NormaliseCode(string? billRef)
    {
        var code = billRef?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(code) ? null : code;
    }
}
