using System.Globalization;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.PaymentAccounts;

/// <summary>Reads a payment_id as scripts send it: <c>#00002</c> (also <c>00002</c> or <c>2</c>).</summary>
public static class PaymentIds
{
    public static bool TryParse(string? value, out int sequence)
    {
        sequence = 0;
        var digits = value?.Trim().TrimStart('#') ?? "";
        return digits.Length is > 0 and <= 5
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }

    /// <summary>The merchant's account (not deleted) with this payment id, untracked; null for a malformed or unknown id.</summary>
    public static Task<PaymentAccount?> FindLiveAsync(
        this IQueryable<PaymentAccount> accounts, string merchantId, string? paymentId, CancellationToken cancellationToken) =>
        TryParse(paymentId, out var sequence)
            ? accounts.AsNoTracking().SingleOrDefaultAsync(a => a.MerchantId == merchantId && a.Sequence == sequence && a.DeletedAt == null, cancellationToken)
            : Task.FromResult<PaymentAccount?>(null);
}
