using System.Globalization;
using System.Text.Json;

namespace MerchantPortal.Web.Mpesa.Simulator;

/// <summary>The C2B wire shapes (docs/c2b-daraja.md): every callback value a string, as Daraja sends them.</summary>
internal static class SimulatorC2BResponses
{
    /// <summary>The validation (no balance, no ThirdPartyTransID yet) or confirmation body.</summary>
    public static string CallbackJson(SimulatorC2BPayment payment, bool validation) =>
        JsonSerializer.Serialize(new
        {
            TransactionType = payment.IsPayBill ? "Pay Bill" : "Buy Goods",
            TransID = payment.Receipt,
            TransTime = SimulatorIds.ToEat(payment.PaidAt).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            TransAmount = Money(payment.Amount),
            BusinessShortCode = payment.ShortCode,
            BillRefNumber = payment.BillRefNumber,
            InvoiceNumber = "",
            OrgAccountBalance = validation ? "" : Money(payment.BalanceAfter),
            ThirdPartyTransID = validation ? "" : payment.ThirdPartyTransId,
            MSISDN = payment.MsisdnAsSent,
            FirstName = payment.Name.First,
            MiddleName = payment.Name.Middle,
            LastName = payment.Name.Last,
        }, SimulatorResponses.Json);

    /// <summary>
    /// One Pull Transactions row as the page's sample has it: msisdn a number (a string once masked, which cannot be
    /// one), amount a string, trxDate ISO 8601 in UTC.
    /// </summary>
    public static object PullRow(SimulatorC2BPayment payment) => new
    {
        transactionId = payment.Receipt,
        trxDate = payment.PaidAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        msisdn = payment.MsisdnAsSent.All(char.IsAsciiDigit)
            ? (object)long.Parse(payment.MsisdnAsSent, CultureInfo.InvariantCulture)
            : payment.MsisdnAsSent,
        sender = payment.Name.First,
        transactiontype = payment.IsPayBill ? "c2b-pay-bill-debit" : "c2b-buy-goods-debit",
        billreference = payment.BillRefNumber,
        amount = Money(payment.Amount),
        organizationname = "Simulated organisation " + payment.ShortCode,
    };

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
