namespace MerchantPortal.Web.Mpesa;

/// <summary>
/// Which of Daraja's error answers prove that nothing was started (a push refused before it reached the phone), and
/// which leave that open. Only the first may fail a payment at once; after the second the payment stays pending so
/// its callback (or, once Daraja's ids are known, its STK query) can still settle it.
/// </summary>
public static class DarajaRefusals
{
    public const string ManyMeaningsCode = "500.001.1001";

    /// <summary>
    /// The texts of <c>500.001.1001</c> that mean the push was refused before processing (reference §2.3). The same
    /// code also means "The transaction is being processed" on a query, which is not a refusal.
    /// </summary>
    private static readonly string[] RefusedBeforeProcessing =
    [
        "Merchant does not exist",
        "Wrong credentials",
        "Unable to lock subscriber",
    ];

    /// <summary>
    /// An answer that came with an HTTP status: a 4xx (the request itself was refused: validation, token, path) or a
    /// known <c>500.001.1001</c> refusal is <see cref="DarajaFailureKind.Rejected"/>. Anything else (other 5xx,
    /// "System is busy", quota, a gateway fault without an errorCode, an HTML page) is
    /// <see cref="DarajaFailureKind.Unavailable"/>: it does not say whether M-Pesa started the push.
    /// </summary>
    public static DarajaFailureKind Classify(int httpStatus, string? errorCode, string? errorMessage)
    {
        // 408 is the gateway giving up waiting, not a refusal of what it was sent.
        if (httpStatus is >= 400 and < 500 and not 408)
        {
            return DarajaFailureKind.Rejected;
        }

        return errorCode == ManyMeaningsCode && errorMessage is not null
            && RefusedBeforeProcessing.Any(text => errorMessage.Contains(text, StringComparison.OrdinalIgnoreCase))
            ? DarajaFailureKind.Rejected
            : DarajaFailureKind.Unavailable;
    }

    /// <summary>A query's "The transaction is being processed": the customer has not answered yet.</summary>
    public static bool IsBeingProcessed(DarajaFailure failure) =>
        failure.Code == ManyMeaningsCode && failure.Message.Contains("being processed", StringComparison.OrdinalIgnoreCase);
}
