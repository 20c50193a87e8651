using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.PayPages;

/// <summary>
/// Where the money goes, as a customer paying from the M-Pesa menu would type it: Lipa na M-Pesa → Buy Goods →
/// the till number, or Pay Bill → the business number and the link's account code, which is how the portal knows
/// which link a paybill payment pays (<see cref="C2B.C2BAttribution"/>).
/// </summary>
public sealed record PayDestination(bool IsTill, string Number, string? Account)
{
    public static PayDestination Of(PaymentAccount account, string accountCode) => Of(account.Type, account.Number, accountCode);

    public static PayDestination Of(string accountType, string number, string accountCode) =>
        accountType == PaymentAccountTypes.Till ? new PayDestination(true, number, null) : new PayDestination(false, number, accountCode);
}
