using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>
/// The one word people read for a payment's state, on every page and component. The JSON API keeps its documented
/// values (succeeded, pending, …); only what people read goes through here.
/// </summary>
public static class StatusWords
{
    public static string Of(string status) => status switch
    {
        TransactionStatuses.Succeeded => "Paid",
        TransactionStatuses.Pending => "Pending",
        TransactionStatuses.Cancelled => "Cancelled",
        TransactionStatuses.Failed => "Failed",
        TransactionStatuses.Timeout => "Timed out",
        TransactionStatuses.Unknown => "Unknown",
        TransactionStatuses.Reversed => "Reversed",
        _ => status,
    };
}
