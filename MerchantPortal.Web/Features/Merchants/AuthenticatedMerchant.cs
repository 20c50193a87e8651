using MerchantPortal.Web.Data.Entities;

namespace MerchantPortal.Web.Features.Merchants;

/// <summary>
/// The merchant's row as the API key check read it, for the rest of the same request: the subscription gate and
/// <c>me</c> read it here instead of asking the database again. Scoped to one request and never shared, so nothing
/// read here can outlive a revocation, a suspension or a renewal made by another request or another instance.
/// </summary>
public sealed class AuthenticatedMerchant
{
    private Merchant? row;

    public void Remember(Merchant merchant) => row = merchant;

    /// <summary>The row read for this merchant in this request, or null (signed in by cookie, or another merchant).</summary>
    public Merchant? Of(string merchantId) => row?.Id == merchantId ? row : null;
}
