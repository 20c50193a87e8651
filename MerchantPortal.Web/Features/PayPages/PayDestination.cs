using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Mpesa;

namespace MerchantPortal.Web.Features.PayPages;

/// <summary>
/// Where the money goes, as a customer paying from the M-Pesa menu would type it: Lipa na M-Pesa → Buy Goods →
/// the till number, or Pay Bill → the business number and the account. The account is the reference the push
/// sends (<see cref="Transactions.PaymentService"/>: the account's own reference, else the link's title, cleaned
/// for Daraja), so a menu payment lands under the same account as a prompted one.
/// </summary>
public sealed record PayDestination(bool IsTill, string Number, string? Account)
{
    public static PayDestination Of(PaymentAccount account, string linkTitle) =>
        account.Type == PaymentAccountTypes.Till
            ? new PayDestination(true, account.Number, null)
            : new PayDestination(false, account.Number, AccountReferences.ForDaraja(account.AccountReference ?? linkTitle));
}
