namespace MerchantPortal.Web.Features.PaymentLinks;

/// <summary>
/// A link as the dashboard lists it: what customers paid through it (succeeded payments only), and how to share it.
/// Not an API shape: the JSON answers carry <see cref="PaymentLinkDto"/> with the document's long <c>public_url</c>.
/// <c>Menu</c> is how a customer pays it from the M-Pesa menu (null while the merchant has no account); <c>PaidAt</c>
/// when a collect-a-total link reached its total.
/// </summary>
public sealed record PaymentLinkSummary(
    PaymentLinkDto Link, int Payments, long Collected, LinkShare Share, PayPages.PayDestination? Menu = null, DateTimeOffset? PaidAt = null)
{
    public long? Remaining => Link.CollectTotal is { } total ? LinkTotals.Remaining(total, Collected) : null;
}
