using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Pages.Pay;

/// <summary>
/// What a settled payment that did not pay says to the customer: a title in the second person and what to do next
/// (keys of <see cref="PayText"/>). The next step may name the business ({0}).
/// </summary>
public static class PayOutcomes
{
    public static (string Title, string Next) Of(string status, string? resultCode) => (status, resultCode) switch
    {
        (TransactionStatuses.Cancelled, _) or (_, "1032") => ("CancelledTitle", "CancelledNext"),
        (TransactionStatuses.Unknown, _) => ("UnknownTitle", "UnknownNext"),
        (_, "1") => ("BalanceTitle", "BalanceNext"),
        (_, "2001") => ("WrongPinTitle", "WrongPinNext"),
        (_, "8006") => ("PinLockedTitle", "PinLockedNext"),
        (_, "4") => ("LimitTitle", "LimitNext"),
        (_, "17") => ("RepeatTitle", "RepeatNext"),
        (TransactionStatuses.Timeout, _) or (_, "1037" or "1019") => ("ExpiredTitle", "ExpiredNext"),
        _ => ("FailedTitle", "FailedNext"),
    };
}
