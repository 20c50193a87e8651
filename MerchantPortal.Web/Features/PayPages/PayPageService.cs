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
    /// <summary>
    /// The pay page and the poster: the link, its merchant, logo and account in one round trip, since every customer
    /// who opens a link pays for each one (<see cref="PaymentLinkService.PublicPageAsync"/>).
    /// </summary>
    public async Task<Result<PayPageView>> GetLinkAsync(string? uid, string? lid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(lid))
        {
            return PaymentLinkService.MissingLid();
        }

        var row = await links.PublicPageAsync(uid, lid, cancellationToken);
        if (row is null)
        {
            return PaymentLinkService.LinkNotFound();
        }

        var link = links.ToPublic(row.Public);
        var logo = row.LogoSha is { } sha ? business.LogoUrl(link.MerchantPublicId, sha)
            : ValidationExtensions.IsHttpUrl(link.Logo) ? link.Logo : null;
        return new PayPageView(link, row.Public.BusinessName ?? row.Public.UserName, logo,
            row.AccountType is null || row.AccountNumber is null ? null
                : PayDestination.Of(row.AccountType, row.AccountNumber, row.Public.Link.AccountCode));
    }

    /// <summary>The payment behind a status page's token.</summary>
    public async Task<Result<CustomerPayment>> GetPaymentAsync(string? statusToken, CancellationToken cancellationToken)
    {
        var row = string.IsNullOrEmpty(statusToken) ? null : await (
            // The token is the customer's: whichever mode the payment is in (a merchant trying their link in test mode).
            from t in db.AllTransactions.AsNoTracking()
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
