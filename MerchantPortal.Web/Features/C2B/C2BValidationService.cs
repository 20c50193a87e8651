using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>The portal's answer to Daraja's validation: null accepts, else the C2B000xx code that refuses.</summary>
public sealed record C2BVerdict(string? RefusalCode)
{
    public static C2BVerdict Accept { get; } = new((string?)null);

    public bool Accepted => RefusalCode is null;
}

/// <summary>
/// Whether a payment from the M-Pesa menu may go through, asked by Daraja before it takes the money, when the account
/// has validation on (off by default, as in Daraja). A paybill payment must name one of the merchant's open link codes,
/// or the account's own account reference (the one rule a merchant sets today), else it is refused with
/// <c>C2B00012</c>; a link's amount rules refuse another amount with <c>C2B00013</c>. Till payments carry no account
/// number and are accepted (decision 19). Whatever the portal cannot judge is accepted: refusing a customer's money
/// because of our own doubt is worse than recording it.
/// </summary>
public sealed class C2BValidationService(PortalDbContext db, C2BAttribution attribution, ILogger<C2BValidationService> logger)
{
    public async Task<C2BVerdict> DecideAsync(string token, C2BPayload? payment, CancellationToken cancellationToken)
    {
        var account = await db.PaymentAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.C2BToken == token, cancellationToken);
        if (account is null)
        {
            logger.LogWarning("C2B validation for an unknown token accepted without a check");
            return C2BVerdict.Accept;
        }

        if (!account.C2BValidation || account.Type != PaymentAccountTypes.Paybill)
        {
            return C2BVerdict.Accept;
        }

        if (payment is null)
        {
            logger.LogWarning("Malformed C2B validation for account {AccountId} accepted without a check", account.Id);
            return C2BVerdict.Accept;
        }

        var link = await attribution.FindLinkAsync(new C2BPaymentFacts(account.MerchantId, account.Id, account.IsPrimary, account.Type,
            payment.BillRefNumber, (long)decimal.Floor(payment.Amount), payment.Msisdn, payment.TransTime), cancellationToken);
        if (link is null)
        {
            var code = C2BAttribution.NormaliseCode(payment.BillRefNumber);
            return code is not null && code == C2BAttribution.NormaliseCode(account.AccountReference)
                ? C2BVerdict.Accept
                : new C2BVerdict(C2BAnswers.InvalidAccountNumber);
        }

        var amount = payment.Amount;
        var fits = link.Amount is { } fixedAmount
            ? amount == fixedAmount
            : (link.MinAmount is null || amount >= link.MinAmount) && (link.MaxAmount is null || amount <= link.MaxAmount);
        return fits ? C2BVerdict.Accept : new C2BVerdict(C2BAnswers.InvalidAmount);
    }
}
