using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Mpesa;

/// <summary>Daraja result codes (reference §4) mapped to our states and to plain words.</summary>
public static class ResultCodes
{
    public const string Success = "0";

    /// <summary>
    /// The result codes known to be final. An STK query answer with any other code ("4999 still under processing",
    /// a code we have never seen) is not an outcome: the payment stays pending and is asked again, then becomes
    /// unknown at the horizon. A callback is final by nature and is mapped whatever its code.
    /// </summary>
    private static readonly HashSet<string> Final = new(StringComparer.Ordinal)
    {
        "0", "1", "2", "3", "4", "8", "17", "1001", "1019", "1025", "1032", "1037", "2001", "2028", "8006", "9999", "SFC_IC0003",
    };

    public static bool IsFinal(string? resultCode) => resultCode is not null && Final.Contains(resultCode.Trim());

    public static string ToStatus(string resultCode) => resultCode switch
    {
        "0" => TransactionStatuses.Succeeded,
        "1032" => TransactionStatuses.Cancelled,
        "1037" or "1019" => TransactionStatuses.Timeout,
        _ => TransactionStatuses.Failed,
    };

    /// <summary>What to tell a person about a transaction in this state.</summary>
    public static string Reason(string status, string? resultCode) => status switch
    {
        TransactionStatuses.Pending => Explain(null),
        TransactionStatuses.Unknown => Explain("unknown"),
        TransactionStatuses.Reversed => "Paid, then reversed: M-Pesa gave the money back to the customer.",
        _ => Explain(resultCode),
    };

    /// <summary>What to tell a person about the outcome.</summary>
    public static string Explain(string? resultCode) => resultCode switch
    {
        null => "Waiting for the customer to answer the M-Pesa prompt.",
        "unknown" => "M-Pesa has not said whether this payment went through. Check your M-Pesa statement before charging again.",
        "0" => "Paid.",
        "1" => "The customer's M-Pesa balance was not enough.",
        "2" => "The amount is below M-Pesa's minimum.",
        "3" => "The amount is above M-Pesa's maximum for one payment.",
        "4" => "The customer's daily M-Pesa limit would be exceeded.",
        "8" => "The receiving account's balance limit would be exceeded.",
        "17" => "M-Pesa refused a repeat of the same amount within 2 minutes. Wait 2 minutes and try again.",
        "1032" => "The customer cancelled the M-Pesa prompt.",
        "1037" => "The customer's phone could not be reached or the prompt was not answered in time.",
        "1019" => "The M-Pesa prompt expired before it was answered.",
        "2001" => "The customer entered a wrong M-Pesa PIN.",
        "2028" or "SFC_IC0003" => "M-Pesa refused the account setup (till or paybill type does not match).",
        "8006" => "The customer's M-Pesa PIN is locked.",
        _ => "M-Pesa could not complete the payment.",
    };
}
