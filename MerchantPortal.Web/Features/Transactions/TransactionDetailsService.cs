using MerchantPortal.Web.Data;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Mpesa.Simulator;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// What the transaction page shows beyond the API's transaction: the reference sent to M-Pesa, api_stk's description
/// and the link's title; for a payment from the M-Pesa menu, the account number the customer typed and their name.
/// </summary>
/// <param name="Source">How a payment from the M-Pesa menu became known (<c>statement</c>: added from an imported statement).</param>
public sealed record TransactionDetails(
    TransactionDto Transaction, string Reference, string? LinkTitle, string? Description,
    string Channel = Data.Entities.TransactionChannels.Stk, string? BillRef = null, string? PayerName = null, string? Source = null)
{
    /// <summary>The page's title, saying what happened: "KES 150 from 0712 345 678 · Paid".</summary>
    public string Headline =>
        $"{Amounts.Format(Transaction.Amount)} from {Phones.Spaced(Transaction.Phone)} · {StatusWords.Of(Transaction.Status)}";

    /// <summary>Paid from the dashboard's test button (simulator): not a customer's money.</summary>
    public bool FromTestNumber => Phones.ToLocal(Transaction.Phone) == SimulatorPhones.TestPayment;
}

/// <summary>One transaction of the merchant's, for its page.</summary>
public sealed class TransactionDetailsService(PortalDbContext db)
{
    public async Task<Result<TransactionDetails>> GetAsync(string merchantId, string transactionId, CancellationToken cancellationToken)
    {
        var found = await (from t in db.Transactions.AsNoTracking()
                           where t.MerchantId == merchantId && t.PublicId == transactionId
                           join l in db.PaymentLinks on t.PaymentLinkId equals l.Id into links
                           from l in links.DefaultIfEmpty()
                           select new { Row = t, LinkTitle = l == null ? null : l.Title }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ServiceError.NotFound("transaction_not_found", "No such transaction on this merchant.");
        }

        var shown = (await Reversals.ReversalViews.WithReversalsAsync(db, [(found.Row.Id, TransactionQueryService.ToDto(found.Row))], cancellationToken))[0];
        return new TransactionDetails(shown, found.Row.AccountReference, found.LinkTitle, found.Row.Description,
            found.Row.Channel, found.Row.BillRef, found.Row.PayerName, found.Row.Source);
    }
}
