using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentLinks;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PayPages;

/// <summary>The customer's side of a payment link: the pay page and poster, the status page and the receipt.</summary>
public sealed class PayPageService(
    PortalDbContext db, PaymentLinkService links, BusinessProfileService business, ReceiptTokens receipts)
{
    public async Task<Result<PayPageView>> GetLinkAsync(string? uid, string? lid, CancellationToken cancellationToken)
    {
        var found = await links.GetPublicAsync(uid, lid, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var link = found.Value!;
        var row = await (from l in db.PaymentLinks.AsNoTracking()
                         join m in db.Users on l.MerchantId equals m.Id
                         where l.PublicId == link.LinkId && m.PublicId == link.MerchantPublicId
                         select new
                         {
                             l.MerchantId,
                             l.PaymentAccountId,
                             Name = m.BusinessName ?? m.UserName,
                             LogoSha = db.MerchantLogos.Where(g => g.MerchantId == m.Id).Select(g => g.Sha256).FirstOrDefault(),
                         }).SingleAsync(cancellationToken);

        // The same account a push from this link would use: the link's own, else the primary one.
        var accounts = db.PaymentAccounts.AsNoTracking().Where(a => a.MerchantId == row.MerchantId && a.DeletedAt == null);
        var account = row.PaymentAccountId is { } accountId
            ? await accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            : await accounts.OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var logo = row.LogoSha is { } sha ? business.LogoUrl(link.MerchantPublicId, sha)
            : ValidationExtensions.IsHttpUrl(link.Logo) ? link.Logo : null;
        return new PayPageView(link, row.Name ?? "", logo, account is null ? null : PayDestination.Of(account, link.Title));
    }

    /// <summary>The payment behind a status page's token.</summary>
    public async Task<Result<CustomerPayment>> GetPaymentAsync(string? statusToken, CancellationToken cancellationToken)
    {
        var row = string.IsNullOrEmpty(statusToken) ? null : await (
            from t in db.Transactions.AsNoTracking()
            join m in db.Users on t.MerchantId equals m.Id
            where t.StatusToken == statusToken
            select new
            {
                t.Status, t.ResultCode, t.Amount, t.Receipt, t.LinkPublicId, t.Phone, t.CreatedAt, t.CompletedAt,
                Title = db.PaymentLinks.Where(l => l.Id == t.PaymentLinkId).Select(l => l.Title).FirstOrDefault(),
                Name = m.BusinessName ?? m.UserName,
            }).SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? ServiceError.NotFound("payment_not_found", "This payment does not exist.")
            : new CustomerPayment(row.Status, row.ResultCode, row.Amount, row.Receipt, row.LinkPublicId, row.Title, row.Name ?? "",
                row.Phone, row.CreatedAt, row.CompletedAt, receipts.For(statusToken!));
    }

    /// <summary>The payment behind a receipt page's token; the same not-found answer for a forged or foreign token.</summary>
    public Task<Result<CustomerPayment>> GetReceiptAsync(string? receiptToken, CancellationToken cancellationToken) =>
        receipts.StatusTokenOf(receiptToken) is { } statusToken
            ? GetPaymentAsync(statusToken, cancellationToken)
            : Task.FromResult<Result<CustomerPayment>>(ServiceError.NotFound("payment_not_found", "This payment does not exist."));
}
