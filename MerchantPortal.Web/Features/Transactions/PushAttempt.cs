using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Transactions;

/// <summary>Whether an answer to a push request comes after Daraja was asked: what an idempotency key keeps.</summary>
public static class PushAttempt
{
    /// <summary>The refusals that only Daraja's answer (or its silence) can give: a push was attempted before them.</summary>
    private static readonly HashSet<string> AfterDaraja = new(StringComparer.Ordinal)
    {
        "mpesa_rejected", "mpesa_unavailable", "subscriber_busy",
    };

    public static bool WasMade(Result<PushStarted> result) => result.Succeeded || AfterDaraja.Contains(result.Error!.Code);
}
